using Config.Providers.Formats.EnvFiles;
namespace Config.Providers.Consul;

/// <summary>
/// Finds Consul. The address, first found wins: options in code; <c>CONSUL_HTTP_ADDR</c>;
/// <c>{PREFIX}_CONSUL_HOST</c>/<c>_PORT</c>/<c>_SCHEME</c>, each on its own (a missing one takes its default:
/// <c>consul</c>, <c>8500</c>, <c>http</c>); <c>http://consul:8500</c>, marked not explicit. Every variable is read
/// from the environment, else from the environment file (merged per variable, as systemd's <c>EnvironmentFile=</c>
/// under an <c>Environment=</c> does). As in the Go client, the other <c>CONSUL_HTTP_*</c> variables and
/// <c>CONSUL_CACERT</c>/<c>CONSUL_CLIENT_*</c>/<c>CONSUL_TLS_SERVER_NAME</c> each apply on their own, whichever
/// address was found (not only next to <c>CONSUL_HTTP_ADDR</c>).
/// </summary>
internal static class ConsulLocator
{
    /// <summary>The environment files that prefixes document, read when the source names none (Wazo's ADR).</summary>
    private static readonly Dictionary<string, string> DefaultEnvironmentFiles = new(StringComparer.OrdinalIgnoreCase)
    {
        ["WAZO"] = "/etc/wazo-platform/consul",
    };

    /// <summary>The environment file for <paramref name="source"/>: its own, else the one its prefix documents.</summary>
    /// <param name="source">The source settings.</param>
    /// <returns>The file, or null.</returns>
    public static string? EnvironmentFile(ConsulKvConfigurationSource source) =>
        source.EnvironmentFile ?? (source.EnvironmentPrefix is { } prefix ? DefaultEnvironmentFiles.GetValueOrDefault(prefix) : null);

    /// <summary>Locates Consul for <paramref name="source"/>.</summary>
    /// <param name="source">The source settings.</param>
    /// <param name="environment">Reads variables; the process environment when null.</param>
    /// <returns>The location.</returns>
    public static ConsulLocation Locate(ConsulKvConfigurationSource source, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Client is { } configured)
        {
            return new(configured, "options", true);
        }

        var variables = new Variables(environment ?? System.Environment.GetEnvironmentVariable, EnvironmentFile(source));
        var prefix = source.EnvironmentPrefix;
        ConsulClientOptions options;
        string origin;
        var schemeGiven = false;
        if (variables.Get("CONSUL_HTTP_ADDR") is { } address)
        {
            schemeGiven = address.Contains("://", StringComparison.Ordinal);
            options = new ConsulClientOptions { Address = ParseAddress(address, "http") };
            origin = $"CONSUL_HTTP_ADDR ({variables.Where("CONSUL_HTTP_ADDR")})";
        }
        else if (!string.IsNullOrEmpty(prefix) && new[] { "HOST", "PORT", "SCHEME" }.Select(v => $"{prefix}_CONSUL_{v}").Where(v => variables.Get(v) is not null).ToList() is { Count: > 0 } found)
        {
            var scheme = variables.Get($"{prefix}_CONSUL_SCHEME");
            schemeGiven = scheme is not null;
            var host = variables.Get($"{prefix}_CONSUL_HOST") ?? "consul";
            var port = variables.Get($"{prefix}_CONSUL_PORT") ?? "8500";
            options = new ConsulClientOptions { Address = new Uri($"{scheme ?? "http"}://{host}:{port}") };
            origin = $"{prefix}_CONSUL_HOST/_PORT/_SCHEME ({string.Join(", ", found.Select(v => $"{v[(prefix.Length + "_CONSUL_".Length)..]} from {variables.Where(v)}"))})";
        }
        else
        {
            options = new ConsulClientOptions();
            origin = "the default http://consul:8500";
        }

        // The Go client's companions, each on its own.
        if (!schemeGiven && ParseBool(variables.Get("CONSUL_HTTP_SSL")) == true)
        {
            options.Address = new UriBuilder(options.Address) { Scheme = "https", Port = options.Address.IsDefaultPort ? -1 : options.Address.Port }.Uri;
        }

        options.Token = variables.Get("CONSUL_HTTP_TOKEN_FILE") is { } tokenFile && File.Exists(tokenFile)
            ? File.ReadAllText(tokenFile).Trim()
            : variables.Get("CONSUL_HTTP_TOKEN");
        options.Tls.CaCertificateFile = variables.Get("CONSUL_CACERT");
        options.Tls.ClientCertificateFile = variables.Get("CONSUL_CLIENT_CERT");
        options.Tls.ClientKeyFile = variables.Get("CONSUL_CLIENT_KEY");
        options.Tls.ServerName = variables.Get("CONSUL_TLS_SERVER_NAME");
        options.Tls.InsecureSkipVerify = ParseBool(variables.Get("CONSUL_HTTP_SSL_VERIFY")) == false;
        return new(options, origin, origin != "the default http://consul:8500");
    }

    /// <summary>Variables from the environment, else from the environment file, one by one; empty counts as unset.</summary>
    private sealed class Variables(Func<string, string?> environment, string? file)
    {
        private readonly IReadOnlyDictionary<string, string> fromFile = file is not null && File.Exists(file)
            ? EnvFileParser.ReadVariables(File.ReadAllText(file), file)
            : new Dictionary<string, string>();

        public string? Get(string name) =>
            environment(name) is { Length: > 0 } value ? value : fromFile.TryGetValue(name, out var fileValue) && fileValue.Length > 0 ? fileValue : null;

        public string Where(string name) => environment(name) is { Length: > 0 } ? "environment" : file!;
    }

    /// <summary><c>host:port</c>, <c>http://host:port</c> or <c>https://host:port/prefix</c>, as the Go client reads it.</summary>
    internal static Uri ParseAddress(string address, string defaultScheme)
    {
        var withScheme = address.Contains("://", StringComparison.Ordinal) ? address : $"{defaultScheme}://{address}";
        var uri = new Uri(withScheme.EndsWith('/') ? withScheme : withScheme + "/");
        return uri;
    }

    private static bool? ParseBool(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "1" or "t" or "true" => true,
        "0" or "f" or "false" => false,
        _ => null,
    };
}
