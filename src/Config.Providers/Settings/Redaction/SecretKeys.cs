namespace Config.Providers.Settings.Redaction;

/// <summary>
/// Decides whether a configuration key looks like it holds a secret, so that its value is redacted even
/// when no <see cref="SecretAttribute"/> says so. Errs on the side of hiding.
/// </summary>
internal static class SecretKeys
{
    // Compared against the key with '_', '-', '.' and spaces removed, ignoring case, so
    // "DB_PASSWORD", "api-key" and "ClientSecret" all match.
    private static readonly string[] Markers =
    [
        "password", "passwd", "passphrase", "pwd", "secret", "token", "apikey", "credential",
        "privatekey", "connectionstring", "accesskey", "signingkey", "encryptionkey", "sessionkey",
    ];

    /// <summary>True when any segment of <paramref name="key"/> (a configuration path or one segment) looks secret.</summary>
    /// <param name="key">A key such as <c>Database:Password</c> or <c>DB_PASSWORD</c>.</param>
    public static bool LooksSecret(string key)
    {
        Span<char> buffer = key.Length <= 256 ? stackalloc char[key.Length] : new char[key.Length];
        var length = 0;
        foreach (var c in key)
        {
            if (c is not ('_' or '-' or '.' or ' '))
            {
                buffer[length++] = c;
            }
        }

        ReadOnlySpan<char> compact = buffer[..length];
        foreach (var marker in Markers)
        {
            if (compact.Contains(marker, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="value"/> holds key material whatever its key is called (a PEM private key).</summary>
    /// <param name="value">A configuration value.</param>
    public static bool LooksSecretValue(string? value) => value?.Contains("PRIVATE KEY-----", StringComparison.Ordinal) == true;
}
