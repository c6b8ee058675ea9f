using System.Globalization;
using Config.Providers.Settings.Provenance;
using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.Hosting;

/// <summary>Listening where dotCloud says: the <c>PORT_{NAME}</c> a service must <c>bind()</c> to.</summary>
public static class DotCloudHostingExtensions
{
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
