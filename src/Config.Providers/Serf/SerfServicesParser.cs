using System.Globalization;
using Config.Providers.Core;
using Config.Providers.Formats.Yaml;

namespace Config.Providers.Serf;

/// <summary>
/// serf-handler's <c>members.py</c> writes <c>{product: {service: [{name, addr, port}]}}</c> as YAML and as JSON.
/// Each node becomes instance <c>i</c> of endpoint <c>{service}</c> of service <c>{product}</c>:
/// <c>Services:{product}:{service}:{i}</c> = <c>addr:port</c> and <c>ServiceEndpoints:{product}:{service}:{i}:*</c>.
/// Only the endpoints are exposed, not the file's raw keys. Pure: no I/O.
/// </summary>
internal static class SerfServicesParser
{
    /// <summary>Parses <paramref name="text"/>, the content of <paramref name="path"/> (YAML; JSON is YAML).</summary>
    /// <exception cref="ConfigurationFormatException">The file is malformed or does not have the membership shape.</exception>
    public static ParsedFile Parse(string text, string path)
    {
        var raw = YamlConfigurationParser.ParseDocument(text, path);
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var origins = new KeyOrigins();
        var warnings = new List<string>();
        foreach (var key in raw.Data.Keys.Where(k => k.EndsWith(":addr", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.OrdinalIgnoreCase))
        {
            var parts = key.Split(':');
            if (parts.Length != 4 || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var instance))
            {
                throw Error(raw, key, path, "expected product → service → list of nodes with 'addr' and 'port'");
            }

            var (product, service) = (parts[0], parts[1]);
            var node = $"{product}:{service}:{parts[2]}";
            var address = raw.Data[key];
            var portText = raw.Data.TryGetValue(node + ":port", out var written) ? written : null;
            if (string.IsNullOrWhiteSpace(address))
            {
                warnings.Add($"{path}: {node} has no address; left out");
                continue;
            }

            // serf tags hold ports as strings; a missing or bad one leaves the endpoint without a port (not in Services:).
            int? port = EndpointUrl.TryParsePort(portText?.Trim(), out var p) ? p : null;
            if (port is null)
            {
                warnings.Add($"{path}: {node} has no port from 1 to 65535; its endpoint has none");
            }

            var origin = new KeyOrigin("serf " + path, raw.Origins.TryGet(key, out var found) ? found.Line : 0, found.Column);
            ServiceEndpointKeys.Write(data, origins, new ServiceEndpointInstance(product, service, instance, address.Trim(), port, null, null, null, null), origin);
        }

        if (raw.Data.Count > 0 && data.Count == 0 && warnings.Count == 0)
        {
            throw new ConfigurationFormatException(path, 1, 1, "expected product → service → list of nodes with 'addr' and 'port'; found no node");
        }

        return new ParsedFile(data, origins, warnings);
    }

    private static ConfigurationFormatException Error(ParsedFile raw, string key, string path, string reason) =>
        raw.Origins.TryGet(key, out var origin) && origin.Line > 0
            ? new ConfigurationFormatException(path, origin.Line, Math.Max(1, origin.Column), reason)
            : new ConfigurationFormatException(path, 1, 1, reason);
}
