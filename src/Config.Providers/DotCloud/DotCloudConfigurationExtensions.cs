using Config.Providers.DotCloud;

namespace Microsoft.Extensions.Configuration;

/// <summary>Adds dotCloud's <c>environment.json</c> to configuration.</summary>
public static class DotCloudConfigurationExtensions
{
    /// <summary>
    /// Adds the first of <c>$HOME/environment.json</c>, <c>$HOME/environment.yml</c>, <c>$HOME/environment.yaml</c> and the
    /// same in <c>/home/dotcloud</c> that exists (optional, not watched; see <see cref="DotCloudConfigurationSource.DefaultPaths()"/>).
    /// </summary>
    /// <param name="builder">The configuration builder.</param>
    /// <returns>The builder.</returns>
    public static IConfigurationBuilder AddDotCloudEnvironment(this IConfigurationBuilder builder) =>
        builder.AddDotCloudEnvironment(DotCloudConfigurationSource.FindDefaultPath(), optional: true);

    /// <summary>Adds the <c>environment.json</c> at <paramref name="path"/>.</summary>
    /// <param name="builder">The configuration builder.</param>
    /// <param name="path">The file.</param>
    /// <param name="optional">Whether a missing file is fine.</param>
    /// <param name="reloadOnChange">Whether to reload when the file changes.</param>
    /// <returns>The builder.</returns>
    public static IConfigurationBuilder AddDotCloudEnvironment(this IConfigurationBuilder builder, string path, bool optional = false, bool reloadOnChange = false) =>
        Config.Providers.Files.WatchedFileSources.Add<DotCloudConfigurationSource>(builder, path, optional, reloadOnChange);

    /// <summary>Adds an <c>environment.json</c> configured by <paramref name="configure"/>.</summary>
    /// <param name="builder">The configuration builder.</param>
    /// <param name="configure">Sets up the source.</param>
    /// <returns>The builder.</returns>
    public static IConfigurationBuilder AddDotCloudEnvironment(this IConfigurationBuilder builder, Action<DotCloudConfigurationSource> configure)
        => Config.Providers.Files.WatchedFileSources.Add(builder, configure);
}
