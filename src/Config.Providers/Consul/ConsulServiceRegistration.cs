namespace Config.Providers.Consul;

/// <summary>A service to register with the local agent (see docs/service-discovery.md, "Registering this service").</summary>
/// <param name="Name">The service name.</param>
/// <param name="Id">The instance id.</param>
/// <param name="Address">The address others should use; empty: the host's listening address (<c>urls</c>, <c>http_ports</c>).</param>
/// <param name="Port">The port; 0: the host's listening port.</param>
/// <param name="HealthCheckUrl">An HTTP health endpoint Consul polls, if any.</param>
/// <param name="CheckInterval">How often Consul polls it. Default: 10 s.</param>
/// <param name="Tags">Tags.</param>
public sealed record ConsulServiceRegistration(string Name, string Id, string Address, int Port, Uri? HealthCheckUrl = null, TimeSpan? CheckInterval = null, IReadOnlyList<string>? Tags = null)
{
    /// <summary>
    /// Metadata, such as <c>endpoint</c> (the endpoint name other services see), <c>scheme</c> and <c>version</c>. When
    /// registered by <c>AddServiceDiscovery()</c>, <c>scheme</c> (from the listening address) and <c>version</c> (the entry
    /// assembly's informational version) are added unless given.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Meta { get; init; }

    /// <summary>How long Consul waits for the HTTP check to answer. Default: Consul's (10 s).</summary>
    public TimeSpan? CheckTimeout { get; init; }

    /// <summary>
    /// A TTL check instead of an HTTP one: the service itself tells Consul it is alive at least every half of this.
    /// Ignored when <see cref="HealthCheckUrl"/> is set.
    /// </summary>
    public TimeSpan? Ttl { get; init; }

    /// <summary>After how long critical Consul removes the instance. Default: 10 minutes.</summary>
    public TimeSpan? DeregisterCriticalServiceAfter { get; init; }

    /// <summary>How often the agent is asked whether it still has this instance (it forgets it when restarted). Default: 5 s.</summary>
    public TimeSpan? PresenceCheckInterval { get; init; }

    /// <summary>
    /// When set, the application is stopped (so an orchestrator restarts it) if it has not managed to register for this
    /// long; when null (default) registration keeps retrying with backoff and never stops the application.
    /// </summary>
    public TimeSpan? StopApplicationAfter { get; init; }
}
