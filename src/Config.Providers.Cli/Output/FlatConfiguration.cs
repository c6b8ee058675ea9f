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
    public static List<FlatEntry> Read(IConfigurationRoot root, bool revealSecrets)
    {
        var entries = new List<FlatEntry>();
        foreach (var (key, value) in root.AsEnumerable())
        {
            if (!root.Providers.Any(p => p.TryGet(key, out _)))
            {
                continue;
            }

            entries.Add(new FlatEntry(key, revealSecrets ? value : Redact(key, value), ConfigurationOrigins.Describe(root, key)));
        }

        entries.Sort(static (a, b) => StringComparer.OrdinalIgnoreCase.Compare(a.Key, b.Key));
        return entries;
    }

    /// <summary>Masks secret-looking keys, and the password inside URLs such as <c>mysql://root:pw@host</c>.</summary>
    public static string? Redact(string key, string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (SecretKeys.LooksSecret(key) || SecretKeys.LooksSecretValue(value))
        {
            return SecretAttribute.Mask;
        }

        var withoutPassword = EndpointUrl.WithoutPassword(value);
        if (withoutPassword.Length == value.Length)
        {
            return value;
        }

        // Put the mask where the password was: scheme://user:[redacted]@host.
        var at = withoutPassword.LastIndexOf('@');
        return at < 0 ? withoutPassword : withoutPassword[..at] + ":" + SecretAttribute.Mask + withoutPassword[at..];
    }
}
