using Config.Providers.Files;
using Microsoft.Extensions.Configuration;

namespace Config.Providers.DotCloud;

/// <summary>
/// dotCloud's <c>environment.json</c> (or the same content as <c>environment.yml</c>/<c>.yaml</c>, read as YAML by
/// its extension) as a configuration source.
/// </summary>
public sealed class DotCloudConfigurationSource : WatchedFileSource
{
    /// <summary>Where dotCloud writes the file: <c>/home/dotcloud/environment.json</c>, the service's home directory.</summary>
    public const string DefaultPath = "/home/dotcloud/environment.json";

    private static readonly string[] FileNames = ["environment.json", "environment.yml", "environment.yaml"];

    /// <summary>
    /// Where the file is looked for, in order: <c>environment.json</c>, <c>.yml</c> and <c>.yaml</c> in <c>$HOME</c>
    /// (the service's home directory, as dotCloud documents it), then in <c>/home/dotcloud</c>.
    /// </summary>
    /// <returns>The candidate paths.</returns>
    public static IReadOnlyList<string> DefaultPaths() => DefaultPaths(Environment.GetEnvironmentVariable("HOME"));

    /// <summary>As <see cref="DefaultPaths()"/>, for a given home directory.</summary>
    internal static IReadOnlyList<string> DefaultPaths(string? home)
    {
        var homes = new List<string>();
        if (home is { Length: > 0 } && System.IO.Path.IsPathRooted(home))
        {
            homes.Add(home);
        }

        homes.Add(System.IO.Path.GetDirectoryName(DefaultPath)!);
        return homes.Distinct(StringComparer.Ordinal).SelectMany(h => FileNames.Select(f => System.IO.Path.Combine(h, f))).ToList();
    }

    /// <summary>The first of <see cref="DefaultPaths()"/> that exists, else <see cref="DefaultPath"/>.</summary>
    /// <returns>The path to read.</returns>
    public static string FindDefaultPath() => FindDefaultPath(Environment.GetEnvironmentVariable("HOME"));

    internal static string FindDefaultPath(string? home) => DefaultPaths(home).FirstOrDefault(File.Exists) ?? DefaultPath;

    /// <summary>Creates a source for <see cref="DefaultPath"/>.</summary>
    public DotCloudConfigurationSource()
    {
        Path = DefaultPath;
    }

    /// <inheritdoc />
    public override IConfigurationProvider Build(IConfigurationBuilder builder) => new DotCloudConfigurationProvider(this, ResolvePath(builder));
}
