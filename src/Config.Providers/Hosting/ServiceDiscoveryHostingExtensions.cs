using Config.Providers;
using Config.Providers.Hosting;
using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.Hosting;

/// <summary>One call in <c>Program.cs</c> that wires every configuration source this library has.</summary>
public static class ServiceDiscoveryHostingExtensions
{
    /// <summary>The configuration section <c>AddServiceDiscovery</c> reads its options from: <c>ConfigProviders</c>.</summary>
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
        ServiceDiscoveryStartup.Prepare(builder.Configuration, builder.Configuration, builder.Environment, ConfigurationSection, configure).Register(builder.Services);
        return builder;
    }

    /// <summary>
    /// The same for the older <c>Host.CreateDefaultBuilder(args)</c> shape: adds the discovered sources in a
    /// configuration callback (just below the environment variables and command line that
    /// <c>CreateDefaultBuilder</c>'s own callback added before it, above its <c>appsettings*.json</c>) and the services
    /// in a services callback. Sources that a later <c>ConfigureAppConfiguration</c> adds land above them.
    /// </summary>
    /// <remarks>
    /// The options' <see cref="ConfigurationSection"/> section is read from the application configuration built up to
    /// this callback. Files are read and Consul waited for when the host is built, inside <c>Build()</c>.
    /// </remarks>
    /// <param name="builder">The host builder.</param>
    /// <param name="configure">Adjusts paths, requirements and Consul settings.</param>
    /// <returns>The builder.</returns>
#pragma warning disable RS0026 // two receivers, not two overloads a caller could confuse: the optional parameter matches the other's
    public static IHostBuilder AddServiceDiscovery(this IHostBuilder builder, Action<ServiceDiscoveryOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ServiceDiscoveryStartup? startup = null;
        builder.ConfigureAppConfiguration((context, configuration) =>
        {
            // The configuration up to this callback, built once to read the options section (and to say which file a
            // bad value came from), then let go: its own providers' file watches are disposed, not the host
            // configuration it chains, which the host owns.
            var soFar = (IConfigurationRoot)configuration.Build();
            try
            {
                startup = ServiceDiscoveryStartup.Prepare(soFar, configuration, context.HostingEnvironment, ConfigurationSection, configure);
            }
            finally
            {
                foreach (var provider in soFar.Providers.Where(p => p is not ChainedConfigurationProvider))
                {
                    (provider as IDisposable)?.Dispose();
                }
            }
        });
        builder.ConfigureServices((_, services) => startup?.Register(services));
        return builder;
    }
#pragma warning restore RS0026
}
