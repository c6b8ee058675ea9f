using Microsoft.Extensions.Configuration;

namespace Config.Providers.Files;

/// <summary>The bodies every file source's <c>Add…</c> overloads share.</summary>
internal static class WatchedFileSources
{
    public static IConfigurationBuilder Add<TSource>(IConfigurationBuilder builder, Action<TSource> configure)
        where TSource : WatchedFileSource, new()
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var source = new TSource();
        configure(source);
        return builder.Add(source);
    }

    public static IConfigurationBuilder Add<TSource>(IConfigurationBuilder builder, string path, bool optional, bool reloadOnChange)
        where TSource : WatchedFileSource, new() =>
        Add<TSource>(builder, source =>
        {
            source.Path = path;
            source.Optional = optional;
            source.ReloadOnChange = reloadOnChange;
        });
}
