using System.Globalization;
using Config.Providers.Core;

namespace Config.Providers.DotCloud;

/// <summary>
/// Projects <c>DOTCLOUD_{SERVICE}_{PORT}_{HOST|PORT|URL|LOGIN|PASSWORD}[_{n}]</c> keys into service endpoints.
/// Keys are read right to left, because service names may contain <c>_</c>: an optional instance suffix, then the
/// field, then the port name (one word); what remains is the service. Credentials come from <c>_LOGIN</c> and
/// <c>_PASSWORD</c>, never from parsing <c>_URL</c> (passwords hold URL-reserved characters).
/// </summary>
internal static class DotCloudEndpoints
{
    private const string Prefix = "DOTCLOUD_";

    // Application keys that look like service keys ("SERVICE_NAME" would read as a service named "service").
    private static readonly HashSet<string> ApplicationKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "DOTCLOUD_PROJECT", "DOTCLOUD_ENVIRONMENT", "DOTCLOUD_SERVICE_NAME", "DOTCLOUD_SERVICE_ID",
        "DOTCLOUD_FLAVOR", "DOTCLOUD_USERNAME", "DOTCLOUD_EMAIL",
    };

    private static readonly string[] Fields = ["HOST", "PORT", "URL", "LOGIN", "PASSWORD"];

    public static void Project(Dictionary<string, string?> data, Core.KeyOrigins origins, string path, List<string> warnings)
    {
        var endpoints = new SortedDictionary<(string Service, string Port, int Instance), Dictionary<string, (string? Value, string Key)>>();
        foreach (var (key, value) in data)
        {
            if (TryParseKey(key, out var service, out var port, out var field, out var instance))
            {
                if (!endpoints.TryGetValue((service, port, instance), out var fields))
                {
                    endpoints[(service, port, instance)] = fields = new Dictionary<string, (string?, string)>(StringComparer.Ordinal);
                }

                fields[field] = (value, key);
            }
        }

        foreach (var ((service, port, instance), fields) in endpoints)
        {
            string? Field(string name) => fields.TryGetValue(name, out var f) ? f.Value : null;
            var url = Field("URL");
            (string? Scheme, string? Username, string? Password, string Host, int? Port)? parsedUrl = url is null ? null : EndpointUrl.Split(url);
            int? portNumber = null;
            if (Field("PORT") is { } portText)
            {
                if (EndpointUrl.TryParsePort(portText, out var p))
                {
                    portNumber = p;
                }
                else
                {
                    var key = fields["PORT"].Key;
                    warnings.Add($"{path}:{origins[key].Line}:1: {key} is not a port number; the endpoint has no port");
                }
            }
            else
            {
                portNumber = parsedUrl?.Port;
            }

            var first = fields.Values.OrderBy(f => origins[f.Key].Line).First().Key;
            ServiceEndpointKeys.Write(data, origins, new ServiceEndpointInstance(
                service,
                port,
                instance,
                Field("HOST") ?? (parsedUrl?.Host is { Length: > 0 } urlHost ? urlHost : null),
                portNumber,
                parsedUrl?.Scheme,
                Field("LOGIN"),
                Field("PASSWORD"),
                url), origins[first]);
        }
    }

    internal static bool TryParseKey(string key, out string service, out string port, out string field, out int instance)
    {
        service = port = field = string.Empty;
        instance = 0;
        if (!key.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || ApplicationKeys.Contains(key) || key.Contains(':'))
        {
            return false;
        }

        var parts = key[Prefix.Length..].Split('_');
        var last = parts.Length - 1;
        if (last >= 0 && parts[last].Length > 0 && parts[last].All(char.IsAsciiDigit))
        {
            if (!int.TryParse(parts[last], NumberStyles.None, CultureInfo.InvariantCulture, out instance))
            {
                return false;
            }

            last--;
        }

        if (last < 2 || !Fields.Contains(parts[last].ToUpperInvariant()))
        {
            return false;
        }

        field = parts[last].ToUpperInvariant();
        port = parts[last - 1].ToLowerInvariant();
        service = string.Join('_', parts[..(last - 1)]).ToLowerInvariant();
        return port.Length > 0 && service.Length > 0 && !service.StartsWith('_') && !service.EndsWith('_');
    }
}
