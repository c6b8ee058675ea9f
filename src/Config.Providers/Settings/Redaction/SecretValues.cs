using System.Text.RegularExpressions;

namespace Config.Providers.Settings.Redaction;

/// <summary>
/// Masks the secret parts of a value whatever its key is called: a PEM private key (the whole value), the password
/// of a URL's user info (<c>amqp://root:[redacted]@host</c>; it ends at the last <c>@</c>, as generated passwords may
/// hold one), <c>Password=</c>/<c>Pwd=</c> in a connection string, and the token after <c>Bearer</c>. The one rule
/// every surface that shows values uses, with <see cref="SecretKeys"/> for names.
/// </summary>
internal static partial class SecretValues
{
    /// <summary><paramref name="value"/> with its secret parts replaced by <see cref="SecretAttribute.Mask"/>.</summary>
    /// <param name="value">A configuration value.</param>
    public static string Redact(string value)
    {
        if (value.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
        {
            return SecretAttribute.Mask;
        }

        // Cheap tests first: most values hold none of these.
        if (value.Contains("://", StringComparison.Ordinal) && value.Contains('@', StringComparison.Ordinal))
        {
            value = UrlPassword().Replace(value, "${head}" + SecretAttribute.Mask + "@");
        }

        if (value.Contains('=', StringComparison.Ordinal))
        {
            value = ConnectionStringPassword().Replace(value, "${name}=" + SecretAttribute.Mask);
        }

        if (value.Contains("earer", StringComparison.OrdinalIgnoreCase))
        {
            value = BearerToken().Replace(value, "${scheme} " + SecretAttribute.Mask);
        }

        return value;
    }

    /// <summary>True when <paramref name="value"/> holds anything <see cref="Redact"/> would mask.</summary>
    /// <param name="value">A configuration value.</param>
    public static bool HasSecret(string? value) => value is not null && Redact(value) != value;

    // scheme://user:PASSWORD@ — the password runs to the last '@' before white space.
    [GeneratedRegex(@"(?<head>[A-Za-z][A-Za-z0-9+.\-]*://[^\s:/@]*:)[^\s]*@", RegexOptions.CultureInvariant)]
    private static partial Regex UrlPassword();

    // Password=…; Pwd=… — up to ';', or a quoted value whole.
    [GeneratedRegex(@"(?<name>\b(?:password|pwd)\s*)=\s*(?:""[^""]*""|'[^']*'|[^;]*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ConnectionStringPassword();

    [GeneratedRegex(@"(?<scheme>\bbearer)\s+[A-Za-z0-9\-._~+/]+=*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BearerToken();
}
