namespace Config.Providers.Consul;

/// <summary>Consul's read consistency modes.</summary>
public enum ConsulConsistency
{
    /// <summary>Strongly consistent in almost all cases (Consul's default).</summary>
    Default,

    /// <summary>Any server answers; scales reads and works without a leader.</summary>
    Stale,

    /// <summary>An extra round trip to confirm leadership.</summary>
    Consistent,
}
