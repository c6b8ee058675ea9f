using Config.Providers.Formats.Yaml;

namespace Config.Providers.Yaml;

/// <summary>Limits and projections for the YAML provider (<see cref="YamlConfigurationSource.ParseOptions"/>).</summary>
public sealed record YamlParseOptions
{
    /// <summary>Deepest nesting of mappings and sequences accepted. Default: 64.</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>
    /// Most nodes the flattened document may have, aliases expanded. Bounds time and memory for documents whose
    /// aliases multiply ("billion laughs"). Default: 250,000.
    /// </summary>
    public int MaxExpandedNodes { get; init; } = 250_000;

    /// <summary>
    /// Longest configuration key a document may produce (the whole path, <c>a:b:0:c</c>), in characters. A long key
    /// repeated under a long list or through aliases multiplies memory by the list's length. Default: 4,096.
    /// </summary>
    public int MaxKeyLength { get; init; } = 4096;

    /// <summary>
    /// Most characters of keys and values the flattened document may produce in all, aliases expanded: nodes are
    /// counted by <see cref="MaxExpandedNodes"/>, this counts their text (a 110 KB file once produced 3 GB). Default:
    /// 32 Mi (twice what a 16 MiB file holds).
    /// </summary>
    public long MaxExpandedCharacters { get; init; } = 32L * 1024 * 1024;

    /// <summary>Whether top-level entries shaped like dotCloud serviceconfig (<c>service: {ports: [{name, url}]}</c>) are also projected into service endpoints. Default: true.</summary>
    public bool ProjectServiceConfig { get; init; } = true;

    /// <summary>The same, for the parser.</summary>
    internal YamlReadOptions ToReadOptions() => new()
    {
        MaxDepth = MaxDepth,
        MaxExpandedNodes = MaxExpandedNodes,
        MaxKeyLength = MaxKeyLength,
        MaxExpandedCharacters = MaxExpandedCharacters,
        ProjectServiceConfig = ProjectServiceConfig,
    };
}
