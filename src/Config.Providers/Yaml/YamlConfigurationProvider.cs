using Config.Providers.Core;
using Config.Providers.Files;
using Config.Providers.Formats.Yaml;

namespace Config.Providers.Yaml;

/// <summary>Reads a YAML file into configuration; each key's origin is <c>yaml PATH:LINE:COLUMN</c>.</summary>
internal sealed class YamlConfigurationProvider : WatchedFileProvider
{
    internal override string SourceKind => "yaml";

    private readonly YamlConfigurationSource source;

    /// <summary>Creates the provider.</summary>
    /// <param name="source">The source settings.</param>
    /// <param name="fullPath">The resolved file path.</param>
    public YamlConfigurationProvider(YamlConfigurationSource source, string fullPath)
        : base(source, fullPath)
    {
        this.source = source;
    }

    /// <inheritdoc />
    private protected override ParsedFile Parse(string text) => YamlConfigurationParser.Parse(text, source.Path, source.ParseOptions.ToReadOptions());
}
