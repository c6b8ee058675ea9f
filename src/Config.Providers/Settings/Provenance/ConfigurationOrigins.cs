using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Memory;

namespace Config.Providers.Settings.Provenance;

/// <summary>Finds which provider supplied a key's current value: the last one that has it, as configuration resolves it.</summary>
internal static class ConfigurationOrigins
{
    public static string? Describe(IConfiguration configuration, string key)
    {
        if (configuration is not IConfigurationRoot root)
        {
            return null;
        }

        var providers = root.Providers as IList<IConfigurationProvider> ?? root.Providers.ToList();
        for (var i = providers.Count - 1; i >= 0; i--)
        {
            var provider = providers[i];
            if (!provider.TryGet(key, out _))
            {
                continue;
            }

            // AddServiceDiscovery() puts its sources behind one chained provider: ask the one that has the key.
            if (provider is ChainedConfigurationProvider { Configuration: IConfigurationRoot inner })
            {
                return Describe(inner, key);
            }

            return provider is IConfigurationOrigins origins && origins.TryGetOrigin(key, out var origin)
                ? origin
                : Describe(provider);
        }

        // A key with children but no value of its own: name where its first value came from.
        foreach (var (childKey, value) in root.GetSection(key).AsEnumerable())
        {
            if (value is not null && childKey.Length > key.Length)
            {
                return Describe(root, childKey);
            }
        }

        return null;
    }

    public static string Describe(IConfigurationProvider provider) => provider switch
    {
        EnvironmentVariablesConfigurationProvider => "environment variables",
        CommandLineConfigurationProvider => "command line",
        MemoryConfigurationProvider => "in-memory configuration",
        FileConfigurationProvider file => $"file {file.Source.Path}",
        _ => provider.ToString() ?? provider.GetType().Name,
    };
}
