using Config.Providers.Yaml;

namespace Microsoft.Extensions.Configuration;

/// <summary>Adds YAML files to configuration.</summary>
public static class YamlConfigurationExtensions
{
    /// <summary>Adds the YAML file at <paramref name="path"/> (required, not watched).</summary>
    /// <param name="builder">The configuration builder.</param>
    /// <param name="path">The file, relative to the base path or absolute.</param>
    /// <returns>The builder.</returns>
    public static IConfigurationBuilder AddYamlFile(this IConfigurationBuilder builder, string path) =>
        builder.AddYamlFile(path, optional: false, reloadOnChange: false);

    /// <summary>Adds the YAML file at <paramref name="path"/>.</summary>
    /// <param name="builder">The configuration builder.</param>
    /// <param name="path">The file, relative to the base path or absolute.</param>
    /// <param name="optional">Whether a missing file is fine.</param>
    /// <param name="reloadOnChange">Whether to reload when the file changes.</param>
    /// <returns>The builder.</returns>
    public static IConfigurationBuilder AddYamlFile(this IConfigurationBuilder builder, string path, bool optional, bool reloadOnChange = false) =>
        Config.Providers.Files.WatchedFileSources.Add<YamlConfigurationSource>(builder, path, optional, reloadOnChange);

    /// <summary>Adds a YAML file configured by <paramref name="configure"/> (limits, version key, reload settings).</summary>
    /// <param name="builder">The configuration builder.</param>
    /// <param name="configure">Sets up the source.</param>
    /// <returns>The builder.</returns>
    public static IConfigurationBuilder AddYamlFile(this IConfigurationBuilder builder, Action<YamlConfigurationSource> configure)
        => Config.Providers.Files.WatchedFileSources.Add(builder, configure);
}
