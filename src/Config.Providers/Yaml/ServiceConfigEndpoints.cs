using Config.Providers.Discovery;

namespace Config.Providers.Yaml;

/// <summary>
/// dotCloud serviceconfig's generated <c>config.yaml</c> maps each service to its <c>dotcloud info</c>, whose
/// <c>ports</c> list holds <c>{name, url}</c>. Each port URL becomes a service endpoint (host, port, scheme,
/// username and password from the URL), so <c>config.rabbitmq.ports.amqp.hostname</c> has an equivalent.
/// </summary>
internal static class ServiceConfigEndpoints
{
    public static void Project(YamlMappingNode root, string path, Dictionary<string, string?> data, Dictionary<string, Files.KeyOrigin> origins)
    {
        foreach (var (serviceKey, serviceNode) in root.Entries)
        {
            if (serviceNode is not YamlMappingNode service || Find(service, "ports") is not YamlSequenceNode ports)
            {
                continue;
            }

            var instance = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            foreach (var item in ports.Items)
            {
                if (item is not YamlMappingNode port || Find(port, "name") is not YamlScalarNode { Value: { } name } || Find(port, "url") is not YamlScalarNode { Value: { } url } urlNode)
                {
                    continue;
                }

                var endpoint = FromUrl(serviceKey.Value!, name, instance.TryGetValue(name, out var n) ? n : 0, url);
                instance[name] = endpoint.Instance + 1;
                ServiceEndpointKeys.Write(data, origins, endpoint, new Files.KeyOrigin("yaml " + path, (int)urlNode.Start.Line, (int)urlNode.Start.Column));
            }
        }
    }

    private static YamlNode? Find(YamlMappingNode mapping, string key) =>
        mapping.Entries.FirstOrDefault(e => string.Equals(e.Key.Value, key, StringComparison.OrdinalIgnoreCase)).Value;

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
