using Config.Providers.Core;
using Config.Providers.Discovery;
using Config.Providers.Settings.Provenance;
using Config.Providers.Settings.Redaction;
using Microsoft.Extensions.Configuration;

namespace Config.Providers.Cli.Output;

/// <summary>
/// The merged configuration, flattened: every key some provider holds (explicit nulls included, the parent
/// sections configuration invents are not), sorted ordinally ignoring case, secrets masked unless revealed.
/// </summary>
internal static class FlatConfiguration
{
    public static List<FlatEntry> Read(IConfigurationRoot root, bool revealSecrets, SecretSchema? secrets = null)
    {
        var entries = new List<FlatEntry>();
        foreach (var (key, value) in root.AsEnumerable())
        {
            if (!root.Providers.Any(p => p.TryGet(key, out _)))
            {
                continue;
            }

            entries.Add(new FlatEntry(key, revealSecrets ? value : Redact(key, value, secrets), ConfigurationOrigins.Describe(root, key)));
        }

        entries.Sort(static (a, b) => StringComparer.OrdinalIgnoreCase.Compare(a.Key, b.Key));
        return entries;
    }

    /// <summary>
    /// Masks secret-looking keys, the keys the service's schema marks secret (<paramref name="secrets"/>), and the
    /// secret parts of other values (a URL's password, <c>Password=</c>, a bearer token).
    /// </summary>
    public static string? Redact(string key, string? value, SecretSchema? secrets = null) =>
        value is not null && secrets?.IsSecret(key) == true ? Config.Providers.SecretAttribute.Mask : SecretKeys.Show(key, value);
}
