using Microsoft.Extensions.Configuration;

namespace Config.Providers.Conformance.Support;

/// <summary>A configuration's leaves: the keys that have no child keys, with their values (null included).</summary>
internal static class ConfigurationLeaves
{
    public static Dictionary<string, string?> Of(IConfiguration configuration)
    {
        var all = configuration.AsEnumerable().ToList();
        var parents = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, _) in all)
        {
            var colon = key.LastIndexOf(':');
            if (colon >= 0)
            {
                parents.Add(key[..colon]);
            }
        }

        return all.Where(pair => !parents.Contains(pair.Key))
            .ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.OrdinalIgnoreCase);
    }
}
