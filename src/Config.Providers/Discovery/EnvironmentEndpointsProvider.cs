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
            var host = get($"{prefix}_HOST");
            if (string.IsNullOrEmpty(host))
            {
                continue;
            }

            int? port = EndpointUrl.TryParsePort(get($"{prefix}_PORT"), out var p) ? p : null;
            var endpoint = new ServiceEndpointInstance(
                prefix.ToLowerInvariant(), "default", 0, host, port, get($"{prefix}_SCHEME"),
                get($"{prefix}_USER") ?? get($"{prefix}_USERNAME"), get($"{prefix}_PASSWORD"), get($"{prefix}_URL"));
            ServiceEndpointKeys.Write(data, newOrigins, endpoint, new KeyOrigin($"{prefix}_HOST", 0) { Kind = "environment variable" });
        }

        origins = newOrigins;
        Data = data;
    }

    /// <inheritdoc />
    public bool TryGetOrigin(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? origin)
    {
        return origins.TryDescribe(key, out origin);
    }
}
