using System.Globalization;

namespace Config.Providers.Core;

/// <summary>
/// Where service endpoints live in configuration. Every source that knows about dependencies writes both:
/// <list type="bullet">
/// <item><c>Services:{service}:{endpoint}:{i}</c> = <c>host:port</c>, the schema of Microsoft.Extensions.ServiceDiscovery,
/// so <c>http://{service}</c> resolves through it;</item>
/// <item><c>ServiceEndpoints:{service}:{endpoint}:{i}:{Host|Port|Scheme|Username|Password|Url|Database}</c>, the richer data,
/// bindable with <c>AddSettings</c>.</item>
/// </list>
/// Service and endpoint names are lower case.
/// </summary>
internal static class ServiceEndpointKeys
{
    /// <summary>The section Microsoft.Extensions.ServiceDiscovery reads.</summary>
    public const string ServicesSection = "Services";

    /// <summary>The section with host, port, scheme, credentials and URL per endpoint instance.</summary>
    public const string EndpointsSection = "ServiceEndpoints";

    /// <summary>Writes one endpoint instance in both schemas.</summary>
    /// <param name="data">Configuration data to add to.</param>
    /// <param name="origins">Origins to add to (the same origin for every key written).</param>
    /// <param name="endpoint">The endpoint.</param>
    /// <param name="origin">Where it came from.</param>
    public static void Write(IDictionary<string, string?> data, Core.KeyOrigins origins, ServiceEndpointInstance endpoint, Core.KeyOrigin origin)
    {
        var service = endpoint.Service.ToLowerInvariant();
        var name = endpoint.Endpoint.ToLowerInvariant();
        var index = endpoint.Instance.ToString(CultureInfo.InvariantCulture);
        var rich = $"{EndpointsSection}:{service}:{name}:{index}:";
        void Set(string key, string? value)
        {
            if (value is not null)
            {
                data[key] = value;
                origins.Add(key, origin);
            }
        }

        Set(rich + "Host", endpoint.Host);
        Set(rich + "Port", endpoint.Port?.ToString(CultureInfo.InvariantCulture));
        Set(rich + "Scheme", endpoint.Scheme);
        Set(rich + "Username", endpoint.Username);
        Set(rich + "Password", endpoint.Password);
        Set(rich + "Url", endpoint.Url is null ? null : EndpointUrl.WithoutPassword(endpoint.Url));
        Set(rich + "Database", endpoint.Database);
        if (endpoint.Host is not null && endpoint.Port is not null)
        {
            var host = endpoint.Host.Contains(':') ? $"[{endpoint.Host}]" : endpoint.Host;
            Set($"{ServicesSection}:{service}:{name}:{index}", $"{host}:{endpoint.Port.Value.ToString(CultureInfo.InvariantCulture)}");
        }
    }
}
