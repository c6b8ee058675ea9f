namespace Config.Providers.Core;

/// <summary>Comparisons of configuration data, so providers signal a reload only when something really changed.</summary>
internal static class ConfigurationData
{
    public static bool SameAs(this IDictionary<string, string?> a, IDictionary<string, string?> b) =>
        a.Count == b.Count && a.All(pair => b.TryGetValue(pair.Key, out var other) && string.Equals(pair.Value, other, StringComparison.Ordinal));
}
