using Config.Providers.Consul;
using Config.Providers.DotCloud;

namespace Config.Providers;

/// <summary>What <c>AddServiceDiscovery()</c> reads, and from where. Every source is optional unless marked required.</summary>
public sealed class ServiceDiscoveryOptions
{
    /// <summary>This service's name (Consul folder <c>config/{ServiceName}/</c>). Default: the host's application name.</summary>
    public string? ServiceName { get; set; }

    /// <summary>The environment (Consul folder <c>config/{ServiceName},{Environment}/</c>). Default: the host's environment name.</summary>
    public string? Environment { get; set; }

    /// <summary>Prefix of <c>{PREFIX}_CONSUL_HOST/_PORT/_SCHEME</c> variables (seed 001's <c>WAZO</c>), if any.</summary>
    public string? EnvironmentPrefix { get; set; }

    /// <summary>The generated YAML file (relative to the content root). Default: <c>config.yaml</c>.</summary>
    public string YamlFile { get; set; } = "config.yaml";

    /// <summary>Whether a missing <see cref="YamlFile"/> stops startup.</summary>
    public bool YamlFileRequired { get; set; }

    /// <summary>
    /// dotCloud's environment file. Default: <c>/home/dotcloud/environment.json</c>; left at the default,
    /// <c>$HOME/environment.json</c>, then <c>.yml</c>/<c>.yaml</c>, are looked for first (the service's home directory).
    /// </summary>
    public string DotCloudEnvironmentFile { get; set; } = DotCloudConfigurationSource.DefaultPath;

    /// <summary>Whether a missing <see cref="DotCloudEnvironmentFile"/> stops startup.</summary>
    public bool DotCloudEnvironmentFileRequired { get; set; }

    /// <summary>Env files, in order (later wins), relative to the content root. Default: <c>.env</c>.</summary>
    public IList<string> EnvFiles { get; } = [".env"];

    /// <summary>Whether missing <see cref="EnvFiles"/> stop startup.</summary>
    public bool EnvFilesRequired { get; set; }

    /// <summary>
    /// Prefixes of endpoint variables in TOPP Cloud's style (<c>PG</c> reads <c>PG_HOST</c>, <c>PG_PORT</c>, <c>PG_USER</c>,
    /// <c>PG_PASSWORD</c> …) projected into service endpoints. Empty by default.
    /// </summary>
    public IList<string> EndpointVariablePrefixes { get; } = [];

    /// <summary>
    /// serf-handler's membership file (<c>conf/services.yml</c> or <c>conf/services.json</c>), relative to the content
    /// root, read as service endpoints and watched; required when set. Null (default): none.
    /// </summary>
    public string? SerfServicesFile { get; set; }

    /// <summary>Whether to read Consul KV. Default: true.</summary>
    public bool UseConsul { get; set; } = true;

    /// <summary>Consul's address, token and TLS; when null, located from the environment (see docs/providers/consul.md).</summary>
    public ConsulClientOptions? Consul { get; set; }

    /// <summary>An env file holding the Consul location variables.</summary>
    public string? ConsulEnvironmentFile { get; set; }

    /// <summary>How long startup waits for a Consul that was configured explicitly. Default: 30 s.</summary>
    public TimeSpan ConsulStartupTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Opt-in quiescence for Consul KV changes: apply a change only once Consul has been quiet this long (at most four
    /// times as long after the first change). See <see cref="ConsulKvConfigurationSource.SettleTime"/>. Default: zero (at once).
    /// </summary>
    public TimeSpan ConsulSettleTime { get; set; }

    /// <summary>The opt-in last-known-good Consul snapshot.</summary>
    public string? ConsulSnapshotFile { get; set; }

    /// <summary>Services this one needs (watched through Consul's health API); startup waits for each. See <see cref="RequireServices"/>.</summary>
    public IList<string> RequiredServices { get; } = [];

    /// <summary>How long startup waits for every required service to have a passing instance. Default: 60 s.</summary>
    public TimeSpan RequiredServicesTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Replaces the bootstrap console that shows what the sources log before the host starts (progress while waiting for
    /// Consul or required services). Either way those messages are replayed into the host's logging when it starts, and
    /// everything later goes there directly (docs/service-discovery.md).
    /// </summary>
    public Microsoft.Extensions.Logging.ILoggerFactory? StartupLoggerFactory { get; set; }

    /// <summary>Requires <paramref name="services"/>: their passing instances become service endpoints, and startup waits until each has one.</summary>
    /// <param name="services">Service names in Consul, such as <c>rabbitmq</c> and <c>postgres</c>.</param>
    /// <returns>These options, for chaining.</returns>
    public ServiceDiscoveryOptions RequireServices(params string[] services)
    {
        foreach (var service in services)
        {
            RequiredServices.Add(service);
        }

        return this;
    }

    /// <summary>When set, this service registers itself in Consul at startup and deregisters on shutdown.</summary>
    public ConsulServiceRegistration? Registration { get; set; }

    /// <summary>Whether file sources and Consul are watched for changes. Default: true.</summary>
    public bool ReloadOnChange { get; set; } = true;

    /// <summary>
    /// Adjusts the Consul KV source after these options are applied to it: <see cref="ConsulKvConfigurationSource.Root"/>,
    /// <see cref="ConsulKvConfigurationSource.FolderLayout"/>, <see cref="ConsulKvConfigurationSource.DocumentKeys"/>,
    /// timings. Called in the order given (the configuration section's, then the code's).
    /// </summary>
    /// <param name="configure">Sets up the source.</param>
    /// <returns>These options, for chaining.</returns>
    public ServiceDiscoveryOptions ConfigureConsulKv(Action<ConsulKvConfigurationSource> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        ConsulKvSetup.Add(configure);
        return this;
    }

    /// <summary>What <see cref="ConfigureConsulKv"/> collected.</summary>
    internal List<Action<ConsulKvConfigurationSource>> ConsulKvSetup { get; } = [];

    /// <summary>The Consul connection settings of the configuration section, put over the located ones (when <see cref="Consul"/> is null).</summary>
    internal Discovery.ConsulClientSection? ConsulClientSection { get; set; }
}
