using Config.Providers.Files;
using Microsoft.Extensions.Configuration;

namespace Config.Providers.DotCloud;

/// <summary>dotCloud's <c>environment.json</c> as a configuration source.</summary>
public sealed class DotCloudConfigurationSource : WatchedFileSource
{
    /// <summary>Where dotCloud writes the file: <c>/home/dotcloud/environment.json</c>.</summary>
    public const string DefaultPath = "/home/dotcloud/environment.json";

    /// <summary>Creates a source for <see cref="DefaultPath"/>.</summary>
    public DotCloudConfigurationSource()
    {
        Path = DefaultPath;
    }

    /// <inheritdoc />
    public override IConfigurationProvider Build(IConfigurationBuilder builder) => new DotCloudConfigurationProvider(this, ResolvePath(builder));
}
