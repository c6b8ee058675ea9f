namespace Config.Providers.Consul;

/// <summary>
/// Finds Consul, first found wins: options in code; <c>CONSUL_HTTP_ADDR</c> with the other <c>CONSUL_HTTP_*</c> and
/// <c>CONSUL_CACERT</c>/<c>CONSUL_CLIENT_*</c>/<c>CONSUL_TLS_SERVER_NAME</c> variables (Go client semantics);
/// <c>{PREFIX}_CONSUL_HOST</c>/<c>_PORT</c>/<c>_SCHEME</c>; the same variables in an env file; <c>http://consul:8500</c>.
/// </summary>
internal static class ConsulLocator
{
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

        environment ??= System.Environment.GetEnvironmentVariable;
        if (FromVariables(environment, source.EnvironmentPrefix, "environment") is { } fromEnvironment)
        {
            return fromEnvironment;
        }

        if (source.EnvironmentFile is { } file && File.Exists(file))
        {
            var values = Core.ConfigurationFormats.Variables(File.ReadAllText(file), file);
            if (FromVariables(name => values.GetValueOrDefault(name), source.EnvironmentPrefix, file) is { } fromFile)
            {
                return fromFile;
            }
        }

        return new(new ConsulClientOptions(), "the default http://consul:8500", false);
    }

    private static ConsulLocation? FromVariables(Func<string, string?> get, string? prefix, string where)
    {
        if (get("CONSUL_HTTP_ADDR") is { Length: > 0 } address)
        {
            var ssl = ParseBool(get("CONSUL_HTTP_SSL"));
            var options = new ConsulClientOptions { Address = ParseAddress(address, ssl == true ? "https" : "http") };
            options.Token = get("CONSUL_HTTP_TOKEN_FILE") is { Length: > 0 } tokenFile && File.Exists(tokenFile)
                ? File.ReadAllText(tokenFile).Trim()
                : get("CONSUL_HTTP_TOKEN");
            options.Tls.CaCertificateFile = get("CONSUL_CACERT");
            options.Tls.ClientCertificateFile = get("CONSUL_CLIENT_CERT");
            options.Tls.ClientKeyFile = get("CONSUL_CLIENT_KEY");
            options.Tls.ServerName = get("CONSUL_TLS_SERVER_NAME");
            options.Tls.InsecureSkipVerify = ParseBool(get("CONSUL_HTTP_SSL_VERIFY")) == false;
            return new(options, $"CONSUL_HTTP_ADDR ({where})", true);
        }

        if (!string.IsNullOrEmpty(prefix) && get($"{prefix}_CONSUL_HOST") is { Length: > 0 } host)
        {
            var scheme = get($"{prefix}_CONSUL_SCHEME") is { Length: > 0 } s ? s : "http";
            var port = get($"{prefix}_CONSUL_PORT") is { Length: > 0 } p ? p : "8500";
            return new(new ConsulClientOptions { Address = new Uri($"{scheme}://{host}:{port}") }, $"{prefix}_CONSUL_HOST/_PORT/_SCHEME ({where})", true);
        }

        return null;
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
