using Config.Providers.VersionedFiles;

namespace Microsoft.Extensions.Configuration;

/// <summary>Adds a folder of versioned documents (<c>{product}/{key}.json</c>, serf-handler's layout).</summary>
public static class VersionedDirectoryConfigurationExtensions
{
    /// <summary>
    /// Adds every <c>{product}/{key}.json</c> (or <c>.yaml</c>/<c>.yml</c>) under <paramref name="path"/>, mounted at
    /// <c>{product}:{key}:…</c>, each carrying <c>_version</c>; watched: files appear, change and disappear, and per file
    /// an older version never replaces a newer one.
    /// </summary>
    /// <param name="builder">The configuration builder.</param>
    /// <param name="path">The folder.</param>
    /// <param name="optional">Whether a missing folder is fine.</param>
    /// <returns>The builder.</returns>
    public static IConfigurationBuilder AddVersionedDirectory(this IConfigurationBuilder builder, string path, bool optional = false) =>
        builder.AddVersionedDirectory(s =>
        {
            s.Path = path;
            s.Optional = optional;
        });

    /// <summary>Adds a folder of versioned documents configured by <paramref name="configure"/>.</summary>
    /// <param name="builder">The configuration builder.</param>
    /// <param name="configure">Sets up the source (version key name, reload delay, logging).</param>
    /// <returns>The builder.</returns>
    public static IConfigurationBuilder AddVersionedDirectory(this IConfigurationBuilder builder, Action<VersionedDirectoryConfigurationSource> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var source = new VersionedDirectoryConfigurationSource();
        configure(source);
        return builder.Add(source);
    }
}
