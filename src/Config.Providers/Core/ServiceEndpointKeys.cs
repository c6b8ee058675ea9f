using System.Globalization;

namespace Config.Providers.Core;

/// <summary>
/// Where service endpoints live in configuration. Every source that knows about dependencies writes both:
/// <list type="bullet">
/// <item><c>Services:{service}:{endpoint}:{i}</c> = <c>host:port</c>, the schema of Microsoft.Extensions.ServiceDiscovery,
/// so <c>http://{service}</c> resolves through it;</item>
/// <item><c>ServiceEndpoints:{service}:{endpoint}:{i}:{Host|Port|Scheme|Username|Password|Url}</c>, the richer data,
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
        Set(rich + "Url", endpoint.Url is null ? null : WithoutPassword(endpoint.Url));
        if (endpoint.Host is not null && endpoint.Port is not null)
        {
            var host = endpoint.Host.Contains(':') ? $"[{endpoint.Host}]" : endpoint.Host;
            Set($"{ServicesSection}:{service}:{name}:{index}", $"{host}:{endpoint.Port.Value.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    /// <summary>Removes the password from a URL's user info, so the URL can be shown; the password has its own key.</summary>
    internal static string WithoutPassword(string url)
    {
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        var at = url.LastIndexOf('@');
        if (scheme < 0 || at < scheme)
        {
            return url;
        }

        var colon = url.IndexOf(':', scheme + 3);
        return colon >= 0 && colon < at ? url[..colon] + url[at..] : url;
    }
}

/// <summary>One reachable instance of a service's named endpoint, as a source describes it.</summary>
/// <param name="Service">The service (<c>rabbitmq</c>).</param>
/// <param name="Endpoint">The endpoint or port name (<c>amqp</c>, <c>http</c>).</param>
/// <param name="Instance">0 for the first (or only) instance.</param>
/// <param name="Host">Host name or address.</param>
/// <param name="Port">Port.</param>
/// <param name="Scheme">URL scheme, when known.</param>
/// <param name="Username">User name, when the source gives one.</param>
/// <param name="Password">Password, when the source gives one.</param>
/// <param name="Url">The URL as the source wrote it.</param>
internal sealed record ServiceEndpointInstance(
    string Service,
    string Endpoint,
    int Instance,
    string? Host,
    int? Port,
    string? Scheme,
    string? Username,
    string? Password,
    string? Url);
