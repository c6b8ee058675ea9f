using Config.Providers.EnvFiles;

namespace Microsoft.Extensions.Configuration;

/// <summary>Adds env files to configuration.</summary>
public static class EnvFileConfigurationExtensions
{
    /// <summary>Adds the env file at <paramref name="path"/> (required, not watched).</summary>
    /// <param name="builder">The configuration builder.</param>
    /// <param name="path">The file, relative to the base path or absolute.</param>
    /// <returns>The builder.</returns>
    public static IConfigurationBuilder AddEnvFile(this IConfigurationBuilder builder, string path) =>
        builder.AddEnvFile(path, optional: false, reloadOnChange: false);

    /// <summary>Adds the env file at <paramref name="path"/>.</summary>
    /// <param name="builder">The configuration builder.</param>
    /// <param name="path">The file, relative to the base path or absolute.</param>
    /// <param name="optional">Whether a missing file is fine.</param>
    /// <param name="reloadOnChange">Whether to reload when the file changes.</param>
    /// <returns>The builder.</returns>
    public static IConfigurationBuilder AddEnvFile(this IConfigurationBuilder builder, string path, bool optional, bool reloadOnChange = false) =>
        Config.Providers.Files.WatchedFileSources.Add<EnvFileConfigurationSource>(builder, path, optional, reloadOnChange);

    /// <summary>Adds an env file configured by <paramref name="configure"/> (dialect, prefix, interpolation, reload settings).</summary>
    /// <param name="builder">The configuration builder.</param>
    /// <param name="configure">Sets up the source.</param>
    /// <returns>The builder.</returns>
    public static IConfigurationBuilder AddEnvFile(this IConfigurationBuilder builder, Action<EnvFileConfigurationSource> configure)
        => Config.Providers.Files.WatchedFileSources.Add(builder, configure);
}
