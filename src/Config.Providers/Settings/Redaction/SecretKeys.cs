namespace Config.Providers.Settings.Redaction;

/// <summary>
/// Decides whether a configuration key looks like it holds a secret, so that its value is redacted even
/// when no <see cref="SecretAttribute"/> says so. Errs on the side of hiding.
/// </summary>
internal static class SecretKeys
{
    // Compared against the key with '_', '-', '.' and spaces removed, ignoring case, so
    // "DB_PASSWORD", "api-key" and "ClientSecret" all match.
    // "pass" covers DB_PASS, SMTP_PASS and X-Api-Pass (and, erring on hiding, PassThrough).
    private static readonly string[] Markers =
    [
        "pass", "pwd", "secret", "token", "apikey", "credential", "bearer", "authorization",
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

        // A segment named "key" or ending in it: Jwt:Key, SigningKey, MasterKey (and, erring on hiding, CacheKey).
        foreach (var range in compact.Split(':'))
        {
            if (compact[range].EndsWith("key", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="value"/> holds a secret whatever its key is called (<see cref="SecretValues"/>).</summary>
    /// <param name="value">A configuration value.</param>
    public static bool LooksSecretValue(string? value) => SecretValues.HasSecret(value);

    /// <summary>How a value under <paramref name="key"/> may be shown: masked whole for a secret name, else with its secret parts masked.</summary>
    /// <param name="key">The configuration key.</param>
    /// <param name="value">Its value.</param>
    public static string? Show(string key, string? value) =>
        value is null ? null : LooksSecret(key) ? SecretAttribute.Mask : SecretValues.Redact(value);

    /// <summary>
    /// The same, for a key that an <c>AddSettings</c> type may read as <c>[Secret]</c>: masked whole when
    /// <paramref name="secretMembers"/> holds it. What every surface that shows the service's values uses.
    /// </summary>
    /// <param name="key">The configuration key.</param>
    /// <param name="value">Its value.</param>
    /// <param name="secretMembers">The keys the settings types read as <c>[Secret]</c>.</param>
    public static string? Show(string key, string? value, ISet<string> secretMembers) =>
        value is null ? null : secretMembers.Contains(key) ? SecretAttribute.Mask : Show(key, value);
}
