using System.Globalization;
using Config.Providers;
using Config.Providers.Hosting;
using Config.Providers.Settings.Provenance;
using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// One call in <c>Program.cs</c> that wires every configuration source this library has, and listening where
/// dotCloud says (the <c>PORT_{NAME}</c> a service must <c>bind()</c> to).
/// </summary>
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

    /// <summary>
    /// Makes the server listen on <c>PORT_{NAME}</c> (from the environment or <c>environment.json</c>, whichever the
    /// configuration has; <c>PORT_WWW</c> by default) on all interfaces, by setting the <c>urls</c> key Kestrel reads;
    /// off dotCloud, where the variable is absent, on <paramref name="localPort"/>. Call it after the sources that may
    /// hold the variable (<c>AddServiceDiscovery</c> or <c>AddDotCloudEnvironment</c>).
    /// </summary>
    /// <param name="builder">The host builder.</param>
    /// <param name="portName">The port's name in dotCloud's build file (<c>www</c> gives <c>PORT_WWW</c>).</param>
    /// <param name="localPort">The port to use when the variable is absent. Default: 8080, as dotCloud's guide does.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="InvalidOperationException">The variable is present but not a port from 1 to 65535 (the message names where it came from).</exception>
    public static IHostApplicationBuilder ListenOnDotCloudPort(this IHostApplicationBuilder builder, string portName = "www", int localPort = 8080)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(portName);
        ArgumentOutOfRangeException.ThrowIfLessThan(localPort, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(localPort, 65535);

        var key = "PORT_" + portName.ToUpperInvariant();
        var value = builder.Configuration[key];
        var port = localPort;
        if (value is not null && (!int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
        {
            var origin = ConfigurationOrigins.Describe(builder.Configuration, key);
            throw new InvalidOperationException($"{key} must be a port from 1 to 65535 to listen on{(origin is null ? string.Empty : $" ({origin})")}.");
        }

        builder.Configuration["urls"] = $"http://*:{port.ToString(CultureInfo.InvariantCulture)}";
        return builder;
    }
}
