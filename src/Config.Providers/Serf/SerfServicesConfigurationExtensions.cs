using Config.Providers.Serf;

namespace Microsoft.Extensions.Configuration;

/// <summary>Adds serf-handler's membership file (<c>conf/services.yml</c> / <c>services.json</c>) as service endpoints.</summary>
public static class SerfServicesConfigurationExtensions
{
    /// <summary>Adds the membership file at <paramref name="path"/>, watched: members joining and leaving apply live.</summary>
    /// <param name="builder">The configuration builder.</param>
    /// <param name="path">The file, such as <c>conf/services.yml</c>.</param>
    /// <param name="optional">Whether a missing file is fine.</param>
    /// <returns>The builder.</returns>
    public static IConfigurationBuilder AddSerfServices(this IConfigurationBuilder builder, string path, bool optional = false) =>
        Config.Providers.Files.WatchedFileSources.Add<SerfServicesConfigurationSource>(builder, path, optional, reloadOnChange: true);

    /// <summary>Adds a membership file configured by <paramref name="configure"/>.</summary>
    /// <param name="builder">The configuration builder.</param>
    /// <param name="configure">Sets up the source.</param>
    /// <returns>The builder.</returns>
    public static IConfigurationBuilder AddSerfServices(this IConfigurationBuilder builder, Action<SerfServicesConfigurationSource> configure)
        => Config.Providers.Files.WatchedFileSources.Add(builder, configure);
}
