namespace Config.Providers.Consul;

/// <summary>Where Consul is and how to talk to it.</summary>
public sealed class ConsulClientOptions
{
    /// <summary>The agent's HTTP address. Default: <c>http://consul:8500</c>.</summary>
    public Uri Address { get; set; } = new("http://consul:8500");

    /// <summary>The ACL token, sent in the <c>X-Consul-Token</c> header (never in the URL, never logged).</summary>
    public string? Token { get; set; }

    /// <summary>The datacenter to query; the agent's own when null.</summary>
    public string? Datacenter { get; set; }

    /// <summary>Read consistency. Default: Consul's default mode.</summary>
    public ConsulConsistency Consistency { get; set; } = ConsulConsistency.Default;

    /// <summary>TLS settings for <c>https</c> addresses.</summary>
    public ConsulTlsOptions Tls { get; set; } = new();

    /// <summary>
    /// The longest a request may take, headers and whole body together. A blocking query instead gets its wait,
    /// Consul's wait/16 of jitter, and the smaller of this and 3 s: its answer is due when the wait ends, so a stall
    /// is caught within wait + wait/16 + 3 s. Default: 30 s.
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest answer accepted, in bytes; a larger one is a failure (the last good values stay). Default: 32 MiB.</summary>
    public long MaxResponseBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>Describes the address for messages (no credentials).</summary>
    /// <returns>The address.</returns>
    public override string ToString() =>
        (Address.UserInfo.Length == 0 ? Address : new UriBuilder(Address) { UserName = string.Empty, Password = string.Empty }.Uri)
            .GetLeftPart(UriPartial.Path).TrimEnd('/');
}
