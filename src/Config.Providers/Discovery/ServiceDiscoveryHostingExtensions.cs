using Config.Providers;
using Config.Providers.Checking;
using Config.Providers.Diagnostics;
using Config.Providers.Discovery;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.Hosting;

/// <summary>One call in <c>Program.cs</c> that wires every configuration source this library has.</summary>
public static class ServiceDiscoveryHostingExtensions
{
    /// <summary>The configuration section <see cref="AddServiceDiscovery"/> reads its options from: <c>ConfigProviders</c>.</summary>
    public const string ConfigurationSection = "ConfigProviders";

    /// <summary>
    /// Adds, lowest precedence first, the generated YAML file, dotCloud's <c>environment.json</c>, env files and
    /// Consul KV (located as docs/providers/consul.md says; skipped when nothing configures it and the default does
    /// not resolve) — all above the host's <c>appsettings*.json</c> and below its environment variables and command
    /// line, which keep the last word.
    /// </summary>
    /// <remarks>
    /// The options start from the <see cref="ConfigurationSection"/> section of the configuration built so far
    /// (<c>appsettings.json</c>, variables such as <c>ConfigProviders__Consul__Address</c>, the command line; schema in
    /// docs/service-discovery.md), then <paramref name="configure"/> runs, so code wins. A value in the section that
    /// cannot be read, or a setting it does not know, stops the start with every problem listed.
    /// </remarks>
    /// <param name="builder">The host builder.</param>
    /// <param name="configure">Adjusts paths, requirements and Consul settings.</param>
    /// <returns>The builder.</returns>
    public static IHostApplicationBuilder AddServiceDiscovery(this IHostApplicationBuilder builder, Action<ServiceDiscoveryOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new ServiceDiscoveryOptions
        {
            ServiceName = builder.Environment.ApplicationName,
            Environment = builder.Environment.EnvironmentName,
        };

        // --settings-schema describes the settings types only: no configuration is read (docs/settings.md#json-schema).
        if (SettingsSchemaRequest.FromProcess() is { } schema)
        {
            builder.Services.AddSingleton<IHostLifetime>(sp => new OneShotLifetime(sp, services => SettingsSchemaCommand.Run(schema, services)));
            return builder;
        }

        // --check-config: everything below runs as in a real start; a failure is reported instead of thrown, and the
        // host's lifetime is replaced so that nothing starts (docs/cli.md#check-config).
        var check = ConfigCheck.FromProcessOrExit();
        var show = check is null ? ConfigCheck.FromProcessOrExit(ConfigCheckRequest.ShowSwitch) : null;
        var notes = new List<string>();
        HandoverLoggerFactory logging;
        ConfigurationRoot root;
        try
        {
            try
            {
                ServiceDiscoverySection.Apply(builder.Configuration, ConfigurationSection, options);
            }
            catch (InvalidOperationException e) when (StartupFailure.Mark(e, StartupFailure.InvalidSettings) is null)
            {
                // Never entered: the filter only marks the section's list of problems as a start failure (exit code 2).
            }

            configure?.Invoke(options);

            // Sources log before the host exists: through a hand-over factory that shows messages on the bootstrap
            // console (or StartupLoggerFactory) and passes them, and all later ones, to the host's logging once it runs.
            logging = new HandoverLoggerFactory(options.StartupLoggerFactory ?? BootstrapConsole.Factory);
            root = BuildSources(builder, options, logging, notes);
        }
        catch (Exception e) when (check is not null)
        {
            ConfigCheck.ExitWithFailure(check, options, builder.Environment.ContentRootPath, e);
            throw;
        }

        if (check is not null)
        {
            builder.Services.AddSingleton<IHostLifetime>(sp => new OneShotLifetime(sp, services => ConfigCheck.Print(check, ConfigCheck.Run(services))));
        }
        else if (show is not null)
        {
            // --show-config: the configuration as built above, printed by the service itself; nothing starts.
            builder.Services.AddSingleton<IHostLifetime>(sp => new OneShotLifetime(sp, services => ShowConfig.Print(show, services)));
        }

        // Registered by factory, first among hosted services, so the container creates it when the host starts (handing
        // logging over) and disposes it when the host goes (stopping the watches).
        builder.Services.Insert(0, ServiceDescriptor.Singleton<IHostedService>(sp => new DiscoveryLifetime(root, logging, sp.GetRequiredService<ILoggerFactory>())));
        builder.Services.AddSingleton(new ServiceDiscoveryReport(options, notes));
        if (options.Registration is { } registration)
        {
            var consul = options.Consul
                ?? root.Providers.OfType<Config.Providers.Consul.ConsulKvConfigurationProvider>().FirstOrDefault()?.Location.Options
                ?? ServiceDiscoverySources.LocateConsul(options, builder.Environment.ContentRootPath).Options;
            builder.Services.AddHostedService(sp => new ConsulSelfRegistration(
                consul,
                registration,
                sp.GetRequiredService<IConfiguration>(),
                sp.GetRequiredService<IHostApplicationLifetime>(),
                sp.GetRequiredService<ILogger<ConsulSelfRegistration>>(),
                sp.GetService<TimeProvider>()));
        }

        builder.Services.AddHostedService<ServiceDiscoveryReportLogger>();
        return builder;
    }

    /// <summary>
    /// Builds the library's sources (reading files and waiting for Consul now) into one root of their own, inserted
    /// just below the host's trailing environment variables and command line.
    /// </summary>
    private static ConfigurationRoot BuildSources(IHostApplicationBuilder builder, ServiceDiscoveryOptions options, HandoverLoggerFactory logging, List<string> notes)
    {
        var sources = ServiceDiscoverySources.Create(options, builder.Environment.ContentRootPath, notes, logging);

        // Below the trailing environment variables and command line only — the host's last word. A default host also has
        // DOTNET_ variables and the command line first, as host settings, below appsettings.json: inserting there would
        // let a checked-in appsettings.json override the deployment's files and Consul. WebApplication.CreateBuilder and
        // CreateSlimBuilder end with a chained source of the web host's own settings after the command line: passed over
        // too, or the discovered sources would land above the variables and the command line.
        IConfigurationBuilder configuration = builder.Configuration;
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
