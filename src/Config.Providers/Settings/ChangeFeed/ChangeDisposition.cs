namespace Config.Providers;

/// <summary>What happened to one changed key.</summary>
public enum ChangeDisposition
{
    /// <summary>The new value is in effect.</summary>
    Applied,

    /// <summary>The setting is not mutable: the running value stays until the service restarts.</summary>
    PendingRestart,

    /// <summary>The reload was rejected as a whole.</summary>
    Rejected,
}
