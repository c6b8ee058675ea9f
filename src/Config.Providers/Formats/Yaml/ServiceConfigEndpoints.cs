using Config.Providers.Core;

namespace Config.Providers.Formats.Yaml;

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

    /// <summary>An endpoint from a port URL (see <see cref="EndpointUrl.Split"/>).</summary>
    internal static ServiceEndpointInstance FromUrl(string service, string endpoint, int instance, string url)
    {
        var (scheme, username, password, host, port) = EndpointUrl.Split(url);
        return new ServiceEndpointInstance(service, endpoint, instance, host, port, scheme, username, password, url);
    }
}
