using Config.Providers.Checking;
using Config.Providers.Consul;
using Config.Providers.Diagnostics;
using Config.Providers.Discovery;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Config.Providers.Hosting;

/// <summary>
/// What <c>AddServiceDiscovery</c> does, in the two steps every host shape has: <see cref="Prepare"/> reads the options
/// and builds the sources into the configuration (the application builders do it at once, <c>IHostBuilder</c> in its
/// configuration callback), <see cref="Register"/> adds the services (the latter's services callback, which runs after).
/// </summary>
internal sealed class ServiceDiscoveryStartup
{
    private readonly ServiceDiscoveryOptions options;
    private readonly string contentRoot;
    private readonly Action<IServiceCollection> oneShot;
    private readonly ConfigurationRoot? root;
    private readonly HandoverLoggerFactory? logging;
    private readonly List<string> notes;

    private ServiceDiscoveryStartup(ServiceDiscoveryOptions options, string contentRoot, Action<IServiceCollection> oneShot, ConfigurationRoot? root, HandoverLoggerFactory? logging, List<string> notes)
    {
        this.options = options;
        this.contentRoot = contentRoot;
        this.oneShot = oneShot;
        this.root = root;
        this.logging = logging;
        this.notes = notes;
    }

    /// <summary>
    /// Reads the options from the <paramref name="section"/> of <paramref name="soFar"/> (the configuration built so far),
    /// runs <paramref name="configure"/>, and inserts the discovered sources into <paramref name="configuration"/> just
    /// below its trailing environment variables and command line. Reads files and waits for Consul now.
    /// </summary>
    public static ServiceDiscoveryStartup Prepare(IConfiguration soFar, IConfigurationBuilder configuration, IHostEnvironment environment, string section, Action<ServiceDiscoveryOptions>? configure)
    {
        var options = new ServiceDiscoveryOptions
        {
            ServiceName = environment.ApplicationName,
            Environment = environment.EnvironmentName,
        };
        var contentRoot = environment.ContentRootPath;
        var notes = new List<string>();

        // --settings-schema describes the settings types only: no configuration is read (docs/settings.md#json-schema).
        if (SettingsSchemaRequest.FromProcess() is { } schema)
        {
            return new(options, contentRoot, services => services.AddSingleton<IHostLifetime>(sp => new OneShotLifetime(sp, s => SettingsSchemaCommand.Run(schema, s))), null, null, notes);
        }

        // --check-config: everything below runs as in a real start; a failure is reported instead of thrown, and the
        // host's lifetime is replaced so that nothing starts (docs/cli.md#check-config).
        var check = ConfigCheck.FromProcessOrExit();
        var show = check is null ? ConfigCheck.FromProcessOrExit(ConfigCheckRequest.ShowSwitch) : null;
        HandoverLoggerFactory logging;
        ConfigurationRoot root;
        try
        {
            try
            {
                ServiceDiscoverySection.Apply(soFar, section, options);
            }
            catch (InvalidOperationException e) when (StartupFailure.Mark(e, StartupFailure.InvalidSettings) is null)
            {
                // Never entered: the filter only marks the section's list of problems as a start failure (exit code 2).
            }

            configure?.Invoke(options);

            // Sources log before the host exists: through a hand-over factory that shows messages on the bootstrap
            // console (or StartupLoggerFactory) and passes them, and all later ones, to the host's logging once it runs.
            logging = new HandoverLoggerFactory(options.StartupLoggerFactory ?? BootstrapConsole.Factory);
            root = BuildSources(configuration, options, contentRoot, logging, notes);
        }
        catch (Exception e) when (check is not null)
        {
            ConfigCheck.ExitWithFailure(check, options, contentRoot, e);
            throw;
        }

        Action<IServiceCollection> oneShot = check is not null
            ? services => services.AddSingleton<IHostLifetime>(sp => new OneShotLifetime(sp, s => ConfigCheck.Print(check, ConfigCheck.Run(s))))
            : show is not null
                // --show-config: the configuration as built above, printed by the service itself; nothing starts.
                ? services => services.AddSingleton<IHostLifetime>(sp => new OneShotLifetime(sp, s => ShowConfig.Print(show, s)))
                : _ => { };
        return new(options, contentRoot, oneShot, root, logging, notes);
    }

    /// <summary>Adds the services of the start prepared: the watches' lifetime, the report, self-registration, or the one-shot command.</summary>
    public void Register(IServiceCollection services)
    {
        oneShot(services);
        if (root is null || logging is null)
        {
            return;   // --settings-schema: nothing was read
        }

        // Registered by factory, first among hosted services, so the container creates it when the host starts (handing
        // logging over) and disposes it when the host goes (stopping the watches).
        var (discovered, handover) = (root, logging);
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService>(sp => new DiscoveryLifetime(discovered, handover, sp.GetRequiredService<ILoggerFactory>())));
        services.AddSingleton(new ServiceDiscoveryReport(options, notes));
        if (options.Registration is { } registration)
        {
            var consul = options.Consul
                ?? root.Providers.OfType<ConsulKvConfigurationProvider>().FirstOrDefault()?.Location.Options
                ?? ServiceDiscoverySources.LocateConsul(options, contentRoot).Options;
            services.AddHostedService(sp => new ConsulSelfRegistration(
                consul,
                registration,
                sp.GetRequiredService<IConfiguration>(),
                sp.GetRequiredService<IHostApplicationLifetime>(),
                sp.GetRequiredService<ILogger<ConsulSelfRegistration>>(),
                sp.GetService<TimeProvider>()));
        }

        services.AddHostedService<ServiceDiscoveryReportLogger>();
    }

    /// <summary>
    /// Builds the library's sources (reading files and waiting for Consul now) into one root of their own, inserted
    /// just below the host's trailing environment variables and command line.
    /// </summary>
    private static ConfigurationRoot BuildSources(IConfigurationBuilder configuration, ServiceDiscoveryOptions options, string contentRoot, HandoverLoggerFactory logging, List<string> notes)
    {
        var sources = ServiceDiscoverySources.Create(options, contentRoot, notes, logging);

        // Below the trailing environment variables and command line only — the host's last word. A default host also has
        // DOTNET_ variables and the command line first, as host settings, below appsettings.json: inserting there would
        // let a checked-in appsettings.json override the deployment's files and Consul. WebApplication.CreateBuilder and
        // CreateSlimBuilder end with a chained source of the web host's own settings after the command line: passed over
        // too, or the discovered sources would land above the variables and the command line.
        var position = configuration.Sources.Count;
        while (position > 0 && configuration.Sources[position - 1] is EnvironmentVariablesConfigurationSource or CommandLineConfigurationSource or ChainedConfigurationSource)
        {
            position--;
        }

        // Built once, into a root of their own, and inserted as one source: every insertion into ConfigurationManager
        // rebuilds all its providers, which would read files and Consul again and restart the watches per source.
        var discovered = new ConfigurationBuilder();
        foreach (var source in sources)
        {
            discovered.Add(source);
        }

        ConfigurationRoot root;
        try
        {
            root = (ConfigurationRoot)discovered.Build();
        }
        catch (Exception e) when (StartupFailure.MarkWhenConfiguration(e, StartupFailure.SourceFailed))
        {
            throw;   // never reached: the filter marks (exit code 3 if unhandled) and declines
        }

        configuration.Sources.Insert(position, new DiscoveredConfigurationSource(root));
        return root;
    }
}
