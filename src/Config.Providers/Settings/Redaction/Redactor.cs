namespace Config.Providers.Settings.Redaction;

/// <summary>
/// Last line of defence for text that leaves the library (exception messages, log lines, reports):
/// any secret value quoted by code we do not control, such as a validator's message, is replaced by the mask.
/// </summary>
internal static class Redactor
{
    /// <summary>Replaces every occurrence of each secret in <paramref name="text"/> by <see cref="SecretAttribute.Mask"/>.</summary>
    /// <remarks>Values shorter than three characters are skipped: replacing every "1" would garble the text and hide nothing.</remarks>
    public static string Scrub(string text, IEnumerable<string> secrets)
    {
        // Longest first, so a secret that contains another is replaced whole.
        foreach (var secret in secrets.Where(s => s.Length >= 3).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length))
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                text = text.Replace(secret, SecretAttribute.Mask, StringComparison.Ordinal);
            }
        }

        return text;
    }
}
