using Config.Providers;
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
    /// <summary>
    /// Adds, lowest precedence first, the generated YAML file, dotCloud's <c>environment.json</c>, env files and
    /// Consul KV (located as docs/providers/consul.md says; skipped when nothing configures it and the default does
    /// not resolve) — all below the host's environment variables and command line, which keep the last word.
    /// </summary>
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
        configure?.Invoke(options);

        var notes = new List<string>();
        var sources = ServiceDiscoverySources.Create(options, builder.Environment.ContentRootPath, notes);
        IConfigurationBuilder configuration = builder.Configuration;
        var position = configuration.Sources.Count;
        for (var i = 0; i < configuration.Sources.Count; i++)
        {
            if (configuration.Sources[i] is EnvironmentVariablesConfigurationSource or CommandLineConfigurationSource)
            {
                position = i;
                break;
            }
        }

        // Built once, into a root of their own, and inserted as one source: every insertion into ConfigurationManager
        // rebuilds all its providers, which would read files and Consul again and restart the watches per source.
        var discovered = new ConfigurationBuilder();
        foreach (var source in sources)
        {
            discovered.Add(source);
        }

        var root = (ConfigurationRoot)discovered.Build();
        configuration.Sources.Insert(position, new ChainedConfigurationSource { Configuration = root, ShouldDisposeConfiguration = false });

        // The host owns the watches: disposing it (not a later rebuild of the configuration) stops them.
        builder.Services.AddSingleton(new DiscoveredConfiguration(root));
        builder.Services.AddSingleton(new ServiceDiscoveryReport(options, notes));
        if (options.Registration is { } registration)
        {
            var consul = options.Consul ?? Config.Providers.Consul.ConsulLocator.Locate(new Config.Providers.Consul.ConsulKvSource { EnvironmentPrefix = options.EnvironmentPrefix }).Options;
            builder.Services.AddHostedService(sp => new ConsulSelfRegistration(consul, registration, sp.GetRequiredService<ILogger<ConsulSelfRegistration>>()));
        }

        builder.Services.AddHostedService<ServiceDiscoveryReportLogger>();
        return builder;
    }
}

/// <summary>Holds the discovered sources' configuration so the container disposes it with the host.</summary>
internal sealed class DiscoveredConfiguration(ConfigurationRoot root) : IDisposable
{
    public void Dispose() => root.Dispose();
}

/// <summary>What <c>AddServiceDiscovery()</c> decided, for diagnostics.</summary>
/// <param name="Options">The options it used.</param>
/// <param name="Notes">One line per decision (sources used or skipped).</param>
public sealed record ServiceDiscoveryReport(ServiceDiscoveryOptions Options, IReadOnlyList<string> Notes);

/// <summary>Logs the report once the host has logging (the sources were chosen before it had).</summary>
internal sealed partial class ServiceDiscoveryReportLogger(ServiceDiscoveryReport report, ILogger<ServiceDiscoveryReportLogger> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var note in report.Notes)
        {
            Log(logger, note);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Service discovery: {Note}")]
    private static partial void Log(ILogger logger, string note);
}
