using Microsoft.Extensions.Configuration;

namespace Config.Providers.Core;

/// <summary>The one rule for joining configuration keys: <c>a</c> + <c>b</c> → <c>a:b</c>, and an empty prefix adds nothing.</summary>
internal static class ConfigurationKeys
{
    public static string Join(string prefix, string key) => prefix.Length == 0 ? key : prefix + ConfigurationPath.KeyDelimiter + key;
}
