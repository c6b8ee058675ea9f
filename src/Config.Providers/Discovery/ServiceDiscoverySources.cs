using System.Net;
using Config.Providers.Consul;
using Config.Providers.Core;
using Config.Providers.DotCloud;
using Config.Providers.Serf;
using Config.Providers.EnvFiles;
using Config.Providers.Yaml;
using Microsoft.Extensions.Configuration;

namespace Config.Providers.Discovery;

/// <summary>
/// The chain <c>AddServiceDiscovery()</c> (and the tool's <c>--discover</c>) builds, lowest precedence first:
/// generated YAML, dotCloud <c>environment.json</c>, env files, Consul KV. The host's environment variables and
/// command line stay above all of them.
/// </summary>
internal static class ServiceDiscoverySources
{
    /// <summary>Creates the sources for <paramref name="options"/>, with relative paths under <paramref name="contentRoot"/>.</summary>
    /// <param name="options">What to read.</param>
    /// <param name="contentRoot">The folder relative file paths are taken from.</param>
    /// <param name="notes">Receives one line per decision worth logging (such as Consul skipped).</param>
    /// <param name="loggerFactory">Where the sources log; <see cref="ServiceDiscoveryOptions.StartupLoggerFactory"/> when null.</param>
    /// <returns>The sources, lowest precedence first.</returns>
    public static IReadOnlyList<IConfigurationSource> Create(ServiceDiscoveryOptions options, string contentRoot, ICollection<string> notes, Microsoft.Extensions.Logging.ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var logging = loggerFactory ?? options.StartupLoggerFactory;
        string Full(string path) => Path.IsPathRooted(path) ? path : Path.Combine(contentRoot, path);
        var sources = new List<IConfigurationSource>
        {
            new YamlConfigurationSource { Path = Full(options.YamlFile), Optional = !options.YamlFileRequired, ReloadOnChange = options.ReloadOnChange, LoggerFactory = logging },
            new DotCloudConfigurationSource { Path = DotCloudPath(options, Full), AbsenceExpected = options.DotCloudEnvironmentFile == DotCloudConfigurationSource.DefaultPath, Optional = !options.DotCloudEnvironmentFileRequired, ReloadOnChange = options.ReloadOnChange, LoggerFactory = logging },
        };
        sources.AddRange(options.EnvFiles.Select(file => new EnvFileConfigurationSource { Path = Full(file), Optional = !options.EnvFilesRequired, ReloadOnChange = options.ReloadOnChange, LoggerFactory = logging }));

        if (options.SerfServicesFile is { } serf)
        {
            sources.Add(new SerfServicesConfigurationSource { Path = Full(serf), ReloadOnChange = options.ReloadOnChange, LoggerFactory = logging });
        }

        if (options.EndpointVariablePrefixes.Count > 0)
        {
            var variables = new EnvironmentEndpointsSource();
            foreach (var prefix in options.EndpointVariablePrefixes)
            {
                variables.Prefixes.Add(prefix);
            }

            sources.Add(variables);
        }

        if (options.UseConsul)
        {
            var consul = new ConsulKvConfigurationSource
            {
                Client = options.Consul,
                EnvironmentPrefix = options.EnvironmentPrefix,
                EnvironmentFile = ConsulEnvironmentFile(options, contentRoot),
                Service = options.ServiceName,
                Environment = options.Environment,
                ReloadOnChange = options.ReloadOnChange,
                StartupTimeout = options.ConsulStartupTimeout,
                SettleTime = options.ConsulSettleTime,
                SnapshotPath = options.ConsulSnapshotFile,
                LoggerFactory = logging,
            };
            foreach (var configure in options.ConsulKvSetup)
            {
                configure(consul);
            }

            // A client set on the source itself (by ConfigureConsulKv) is as explicit as ServiceDiscoveryOptions.Consul.
            var location = consul.Client is { } client && client != options.Consul ? new ConsulLocation(client, "options", true) : LocateConsul(options, contentRoot);
            if (!location.Explicit && options.RequiredServices.Count == 0 && !Resolves(location.Options.Address))
            {
                // Nobody configured Consul and the default name does not resolve: a laptop or CI, not a cluster.
                notes.Add($"Consul not configured and {location.Options.Address.Host} does not resolve; Consul KV skipped");
            }
            else
            {
                consul.Location = location;
                sources.Add(consul);
                notes.Add($"Consul KV at {location.Options} (found via {location.Origin}), folders {string.Join(", ", consul.Reads)}");
                if (options.RequiredServices.Count > 0)
                {
                    var required = new ConsulServicesSource
                    {
                        Client = location.Options,
                        ClientOrigin = location.Origin,
                        StartupTimeout = options.RequiredServicesTimeout,
                        ReloadOnChange = options.ReloadOnChange,
                        LoggerFactory = logging,
                    };
                    foreach (var service in options.RequiredServices)
                    {
                        required.Services.Add(service);
                    }

                    sources.Add(required);
                    notes.Add($"required services from Consul's health API: {string.Join(", ", options.RequiredServices)}");
                }
            }
        }

        return sources;
    }

    /// <summary>Locates Consul as the KV source does, for the parts that need it without reading KV (registration).</summary>
    /// <remarks>
    /// Options in code win whole; otherwise the variables are read and the configuration section's settings, each it
    /// names, are put over them.
    /// </remarks>
    internal static ConsulLocation LocateConsul(ServiceDiscoveryOptions options, string contentRoot)
    {
        var located = ConsulLocator.Locate(new ConsulKvConfigurationSource { Client = options.Consul, EnvironmentPrefix = options.EnvironmentPrefix, EnvironmentFile = ConsulEnvironmentFile(options, contentRoot) });
        return options.Consul is null && options.ConsulClientSection is { } section ? section.ApplyTo(located) : located;
    }

    /// <summary>Left at its default, the dotCloud file is looked for in $HOME first (and as .yml), as dotCloud places it.</summary>
    private static string DotCloudPath(ServiceDiscoveryOptions options, Func<string, string> full) =>
        options.DotCloudEnvironmentFile == DotCloudConfigurationSource.DefaultPath ? DotCloudConfigurationSource.FindDefaultPath() : full(options.DotCloudEnvironmentFile);

    private static string? ConsulEnvironmentFile(ServiceDiscoveryOptions options, string contentRoot) =>
        options.ConsulEnvironmentFile is not { } file ? null : Path.IsPathRooted(file) ? file : Path.Combine(contentRoot, file);

    /// <summary>Whether the host name resolves within a second.</summary>
    private static bool Resolves(Uri address)
    {
        if (IPAddress.TryParse(address.Host, out _))
        {
            return true;
        }

        return SyncOverAsync.Run(async _ =>
        {
            try
            {
                return (await Dns.GetHostAddressesAsync(address.Host).WaitAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false)).Length > 0;
            }
            catch (Exception e) when (e is System.Net.Sockets.SocketException or TimeoutException or ArgumentException)
            {
                return false;
            }
        });
    }
}
