using Config.Providers.Core;
using Microsoft.Extensions.Configuration;

namespace Config.Providers.Discovery;

/// <summary>Reads the endpoints <see cref="EnvironmentEndpointsSource"/> names.</summary>
internal sealed class EnvironmentEndpointsProvider(EnvironmentEndpointsSource source) : ConfigurationProvider, IConfigurationOrigins
{
    private KeyOrigins origins = new();

    /// <inheritdoc />
    public override void Load()
    {
        var get = source.Environment ?? System.Environment.GetEnvironmentVariable;
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var newOrigins = new KeyOrigins();
        foreach (var prefix in source.Prefixes)
        {
            string? Get(string suffix) => get($"{prefix}_{suffix}");
            if (!Defining.Any(suffix => Get(suffix) is not null))
            {
                continue;
            }

            // TOPP Cloud: "if blank, localhost/no host", "if blank, no password needed".
            // Each part from its own variable, else from _URL, else TOPP's defaults.
            var url = Blank(Get("URL"));
            var fromUrl = url is null ? default : EndpointUrl.Split(url);
            var scheme = Blank(Get("SCHEME")) ?? fromUrl.Scheme ?? SchemeOf(prefix);
            var portText = Blank(Get("PORT"));
            int? port = portText is null ? fromUrl.Port ?? EndpointUrl.DefaultPort(scheme) : EndpointUrl.TryParsePort(portText, out var p) ? p : null;
            var endpoint = new ServiceEndpointInstance(
                prefix.ToLowerInvariant(), "default", 0, Blank(Get("HOST")) ?? Blank(fromUrl.Host) ?? "localhost", port, scheme,
                Blank(Get("USER")) ?? Blank(Get("USERNAME")), Blank(Get("PASSWORD")), url, Blank(Get("DBNAME")) ?? Blank(Get("DATABASE")));
            var origin = new KeyOrigin($"{prefix}_HOST", 0) { Kind = "environment variable" };
            ServiceEndpointKeys.Write(data, newOrigins, endpoint, origin);
            if (ConnectionStrings.For(endpoint) is { } connectionString)
            {
                var key = $"{ConnectionStrings.Section}:{endpoint.Service}";
                data[key] = connectionString;
                newOrigins.Add(key, origin);
            }
        }

        origins = newOrigins;
        Data = data;
    }

    /// <summary>
    /// The variables that make a prefix an endpoint when defined, even empty (TOPP's <c>PG_HOST</c> is always blank). A
    /// lone <c>_PORT</c> does not: Docker links define <c>RABBITMQ_PORT=tcp://…</c> for services nobody asked for.
    /// </summary>
    private static readonly string[] Defining = ["HOST", "URL", "DBNAME", "DATABASE"];

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    /// <summary>The scheme a well-known prefix implies when no variable names one (TOPP's <c>PG_*</c> has none).</summary>
    private static string? SchemeOf(string prefix) => prefix.ToUpperInvariant() switch
    {
        "PG" or "PGSQL" or "POSTGRES" or "POSTGRESQL" => "postgres",
        "AMQP" or "RABBIT" or "RABBITMQ" => "amqp",
        "REDIS" => "redis",
        "MYSQL" => "mysql",
        _ => null,
    };

    /// <inheritdoc />
    public bool TryGetOrigin(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? origin)
    {
        return origins.TryDescribe(key, out origin);
    }
}
