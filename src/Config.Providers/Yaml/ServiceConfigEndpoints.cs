using Config.Providers.Core;

namespace Config.Providers.Yaml;

/// <summary>
/// dotCloud serviceconfig's generated <c>config.yaml</c> maps each service to its <c>dotcloud info</c>, whose
/// <c>ports</c> list holds <c>{name, url}</c>. Each port URL becomes a service endpoint (host, port, scheme,
/// username and password from the URL), so <c>config.rabbitmq.ports.amqp.hostname</c> has an equivalent.
/// </summary>
internal static class ServiceConfigEndpoints
{
    /// <summary>Finds <c>{service}:ports:{i}:name</c> / <c>:url</c> pairs among the top-level keys and writes their endpoints.</summary>
    public static void Project(string path, Dictionary<string, string?> data, Core.KeyOrigins origins)
    {
        var found = new List<(string Service, int Index, string Name, string Url, Core.KeyOrigin Origin)>();
        foreach (var (key, url) in data)
        {
            // service:ports:N:url, where service is a top-level key.
            if (!key.EndsWith(":url", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var parts = key.Split(':');
            if (parts.Length != 4 || url is null || !parts[1].Equals("ports", StringComparison.OrdinalIgnoreCase) || !parts[3].Equals("url", StringComparison.OrdinalIgnoreCase)
                || !int.TryParse(parts[2], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index)
                || !data.TryGetValue($"{parts[0]}:{parts[1]}:{parts[2]}:name", out var name) || string.IsNullOrEmpty(name))
            {
                continue;
            }

            found.Add((parts[0], index, name, url, origins[key]));
        }

        // Instances of the same port name number in list order.
        foreach (var group in found.GroupBy(f => (Service: f.Service.ToLowerInvariant(), Name: f.Name.ToLowerInvariant())))
        {
            var instance = 0;
            foreach (var port in group.OrderBy(f => f.Index))
            {
                ServiceEndpointKeys.Write(data, origins, FromUrl(port.Service, port.Name, instance++, port.Url), port.Origin);
            }
        }
    }

    /// <summary>Splits a port URL as Python's urlparse would, tolerating passwords with reserved characters.</summary>
    internal static ServiceEndpointInstance FromUrl(string service, string endpoint, int instance, string url)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        var scheme = schemeEnd > 0 ? url[..schemeEnd] : null;
        var rest = schemeEnd > 0 ? url[(schemeEnd + 3)..] : url;
        // Generated passwords are not URL-escaped and may hold '/', ':' or '@': user info ends at the last '@'.
        var lastAt = rest.LastIndexOf('@');
        var pathStart = rest.IndexOfAny(['/', '?', '#'], lastAt + 1);
        var authority = pathStart >= 0 ? rest[..pathStart] : rest;
        string? username = null;
        string? password = null;
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            var userInfo = authority[..at];
            authority = authority[(at + 1)..];
            var colon = userInfo.IndexOf(':');
            username = Uri.UnescapeDataString(colon >= 0 ? userInfo[..colon] : userInfo);
            password = colon >= 0 ? Uri.UnescapeDataString(userInfo[(colon + 1)..]) : null;
        }

        string host = authority;
        int? port = null;
        var portColon = authority.StartsWith('[') ? authority.IndexOf("]:", StringComparison.Ordinal) + 1 : authority.LastIndexOf(':');
        if (portColon > 0 && int.TryParse(authority[(portColon + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var p))
        {
            host = authority[..portColon];
            port = p;
        }

        return new ServiceEndpointInstance(service, endpoint, instance, host.Trim('[', ']'), port, scheme, username, password, url);
    }
}
