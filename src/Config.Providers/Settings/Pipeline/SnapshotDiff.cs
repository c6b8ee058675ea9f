using Config.Providers.Settings.Binding;
using Config.Providers.Settings.Provenance;
using Microsoft.Extensions.Configuration;

namespace Config.Providers.Settings.Pipeline;

/// <summary>Compares raw snapshots, and mixes them when only the mutable part of a change may be applied.</summary>
internal static class SnapshotDiff
{
    public static List<KeyDifference> Compare(RawSnapshot running, RawSnapshot candidate)
    {
        var differences = new List<KeyDifference>();
        foreach (var (key, value) in candidate.Values)
        {
            if (!running.Values.TryGetValue(key, out var old))
            {
                differences.Add(new(key, value.Mutable, value.Secret, null, value.Value));
            }
            else if (!string.Equals(old.Value, value.Value, StringComparison.Ordinal))
            {
                differences.Add(new(key, value.Mutable, value.Secret || old.Secret, old.Value, value.Value));
            }
        }

        foreach (var (key, old) in running.Values)
        {
            if (!candidate.Values.ContainsKey(key))
            {
                differences.Add(new(key, old.Mutable, old.Secret, old.Value, null));
            }
        }

        differences.Sort(static (a, b) => StringComparer.OrdinalIgnoreCase.Compare(a.Key, b.Key));
        return differences;
    }

    /// <summary>Mutable keys as the candidate has them, every other key as it runs now.</summary>
    public static IConfiguration Mix(RawSnapshot running, RawSnapshot candidate)
    {
        var mixed = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in running.Values)
        {
            if (!value.Mutable)
            {
                mixed[key] = value.Value;
            }
        }

        foreach (var (key, value) in candidate.Values)
        {
            if (value.Mutable)
            {
                mixed[key] = value.Value;
            }
        }

        return new ConfigurationBuilder().AddInMemoryCollection(mixed).Build();
    }

    public static SettingChange ToChange(KeyDifference difference, ChangeDisposition disposition, IConfiguration origins) => new(
        difference.Key,
        difference.Mutable,
        disposition,
        ConfigurationOrigins.Describe(origins, difference.Key),
        Show(difference.Old, difference.Secret),
        Show(difference.New, difference.Secret));

    private static string? Show(string? value, bool secret) => value is null ? null : secret ? SecretAttribute.Mask : value;
}
