using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Config.Providers.Settings.Coercion;

/// <summary>
/// A certificate in PEM, as Consul or a file holds one: <c>-----BEGIN CERTIFICATE-----</c> (the first is the
/// certificate, any others its chain, not kept), optionally followed or preceded by its private key
/// (<c>PRIVATE KEY</c>, <c>RSA PRIVATE KEY</c> or <c>EC PRIVATE KEY</c>). Reasons never quote the text: it may hold
/// the key.
/// </summary>
internal static class PemCertificateParser
{
    private const string Expected = "expected a PEM certificate (-----BEGIN CERTIFICATE-----), optionally with its private key";

    public static bool TryParse(string text, out object? value, out string? reason)
    {
        value = null;
        var certificate = Block(text, "CERTIFICATE");
        if (certificate is null)
        {
            reason = Expected;
            return false;
        }

        var key = Block(text, "PRIVATE KEY") ?? Block(text, "RSA PRIVATE KEY") ?? Block(text, "EC PRIVATE KEY");
        try
        {
            value = key is null ? X509Certificate2.CreateFromPem(certificate) : X509Certificate2.CreateFromPem(certificate, key);
            reason = null;
            return true;
        }
        catch (CryptographicException)
        {
            reason = key is null
                ? "the certificate block is not a valid certificate"
                : "the certificate and private key blocks do not form a valid pair (a malformed block, or a key of another certificate)";
            return false;
        }
        catch (ArgumentException)
        {
            reason = "a PEM block is malformed";
            return false;
        }
    }

    /// <summary>The first complete PEM block with exactly this label, or null.</summary>
    private static string? Block(string text, string label)
    {
        var begin = $"-----BEGIN {label}-----";
        var end = $"-----END {label}-----";
        var start = text.IndexOf(begin, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        var stop = text.IndexOf(end, start, StringComparison.Ordinal);
        return stop < 0 ? null : text[start..(stop + end.Length)];
    }
}
