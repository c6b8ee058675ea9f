using Config.Providers.Core;
using Config.Providers.Files;

namespace Config.Providers.DotCloud;

/// <summary>Reads dotCloud's <c>environment.json</c> (or <c>environment.yml</c>): raw keys plus service endpoints.</summary>
internal sealed class DotCloudConfigurationProvider : WatchedFileProvider
{
    internal override string SourceKind => "dotcloud";

    private readonly DotCloudConfigurationSource source;

    /// <summary>Creates the provider.</summary>
    /// <param name="source">The source settings.</param>
    /// <param name="fullPath">The resolved file path.</param>
    public DotCloudConfigurationProvider(DotCloudConfigurationSource source, string fullPath)
        : base(source, fullPath)
    {
        this.source = source;
    }

    /// <inheritdoc />
    private protected override ParsedFile Parse(string text) =>
        DotCloudEnvironmentParser.IsYaml(source.Path) ? DotCloudEnvironmentParser.ParseYaml(text, source.Path) : DotCloudEnvironmentParser.Parse(text, source.Path);
}
