using System.Globalization;
using System.Net;
using System.Reflection;
using Config.Providers.Consul;
using Microsoft.Extensions.Configuration;

namespace Config.Providers.Discovery;

/// <summary>
/// Completes a registration from what the host listens on: an empty address or a port of 0 come from the first of
/// <c>urls</c> (ASP.NET Core's setting, also <c>ASPNETCORE_URLS</c>), <c>http_ports</c>/<c>https_ports</c>, or Kestrel's
/// default <c>http://localhost:5000</c>; a wildcard host (<c>*</c>, <c>+</c>, <c>0.0.0.0</c>, <c>[::]</c>) becomes this
/// machine's name. <c>scheme</c> and <c>version</c> meta are added unless given. Pure but for the machine name.
/// </summary>
internal static class RegistrationDefaults
{
    public static ConsulServiceRegistration Complete(ConsulServiceRegistration registration, IConfiguration configuration, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var listening = ListeningAddress(configuration, environment);
        var address = registration.Address.Length > 0 ? registration.Address : Reachable(listening.Host);
        var port = registration.Port > 0 ? registration.Port : listening.Port;
        var meta = new Dictionary<string, string>(registration.Meta ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        meta.TryAdd("scheme", listening.Scheme);
        if (Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion is { Length: > 0 } version)
        {
            meta.TryAdd("version", version);
        }

        return registration with { Address = address, Port = port, Meta = meta };
    }

    /// <summary>The first address the server listens on, as configured.</summary>
    internal static Uri ListeningAddress(IConfiguration configuration, Func<string, string?> environment)
    {
        var urls = configuration["urls"] ?? environment("ASPNETCORE_URLS") ?? environment("DOTNET_URLS");
        if (urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() is { } first)
        {
            // Kestrel accepts '*' and '+' as hosts, which Uri does not.
            return new Uri(first.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal));
        }

        foreach (var (key, scheme) in new[] { ("http_ports", "http"), ("https_ports", "https") })
        {
            var ports = configuration[key] ?? environment("ASPNETCORE_" + key.ToUpperInvariant());
            if (ports?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() is { } port
                && int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                return new Uri($"{scheme}://0.0.0.0:{number}");
            }
        }

        return new Uri("http://localhost:5000");
    }

    private static string Reachable(string host) =>
        host is "0.0.0.0" or "[::]" or "::" || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any)))
            ? Dns.GetHostName()
            : host;
}
