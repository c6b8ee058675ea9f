using System.Globalization;

namespace Config.Providers.Core;

/// <summary>
/// The one reading of endpoint URLs and ports for every source that projects endpoints (generated YAML, dotCloud,
/// endpoint variables) and for showing them (the tool). URLs are split as Python's <c>urlparse</c> does and
/// generated files need: a password may hold unescaped <c>/</c>, <c>:</c> or <c>@</c>, so user info ends at the
/// last <c>@</c> — which <see cref="Uri"/> cannot parse. A port is a number from 1 to 65535; a URL without one gets
/// its scheme's well-known port where .NET knows it (<c>http</c> 80, <c>https</c> 443 …).
/// </summary>
internal static class EndpointUrl
{
    /// <summary>The parts of <paramref name="url"/>; the password unescaped, never shown by callers.</summary>
    public static (string? Scheme, string? Username, string? Password, string Host, int? Port) Split(string url)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        var scheme = schemeEnd > 0 ? url[..schemeEnd] : null;
        var rest = schemeEnd > 0 ? url[(schemeEnd + 3)..] : url;
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

        var host = authority;
        int? port = null;
        var portColon = authority.StartsWith('[') ? authority.IndexOf("]:", StringComparison.Ordinal) + 1 : authority.LastIndexOf(':');
        if (portColon > 0)
        {
            host = authority[..portColon];
            port = TryParsePort(authority[(portColon + 1)..], out var number) ? number : null;
        }

        // Only a URL that writes no port gets its scheme's; a port written wrong stays unknown.
        return (scheme, username, password, host.Trim('[', ']'), portColon > 0 ? port : DefaultPort(scheme));
    }

    /// <summary>The scheme of <paramref name="url"/> (<c>amqp</c> of <c>amqp://…</c>), or null.</summary>
    public static string? Scheme(string? url)
    {
        var end = url?.IndexOf("://", StringComparison.Ordinal) ?? -1;
        return end > 0 ? url![..end] : null;
    }

    /// <summary>A port: digits only, from 1 to 65535.</summary>
    public static bool TryParsePort(string? text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is >= 1 and <= 65535;

    /// <summary>Removes the password from a URL's user info, so the URL can be shown; the password has its own key.</summary>
    public static string WithoutPassword(string url)
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

    /// <summary>
    /// The well-known port of <paramref name="scheme"/>: the services endpoints usually name (postgres 5432, amqp 5672,
    /// redis 6379, mysql 3306, mongodb 27017), else where .NET knows one (http 80, https 443, ftp 21 …).
    /// </summary>
    public static int? DefaultPort(string? scheme) => scheme?.ToLowerInvariant() switch
    {
        null => null,
        "postgres" or "postgresql" or "pgsql" => 5432,
        "amqp" => 5672,
        "amqps" => 5671,
        "redis" => 6379,
        "rediss" => 6380,
        "mysql" => 3306,
        "mongodb" => 27017,
        _ => Uri.TryCreate(scheme + "://host", UriKind.Absolute, out var uri) && uri.Port > 0 ? uri.Port : null,
    };
}
