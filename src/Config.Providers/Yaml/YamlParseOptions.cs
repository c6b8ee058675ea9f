namespace Config.Providers.Yaml;

/// <summary>Limits and projections for <see cref="YamlConfigurationParser"/>.</summary>
public sealed record YamlParseOptions
{
    /// <summary>Deepest nesting of mappings and sequences accepted. Default: 64.</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>
    /// Most nodes the flattened document may have, aliases expanded. Bounds time and memory for documents whose
    /// aliases multiply ("billion laughs"). Default: 250,000.
    /// </summary>
    public int MaxExpandedNodes { get; init; } = 250_000;

    /// <summary>Whether top-level entries shaped like dotCloud serviceconfig (<c>service: {ports: [{name, url}]}</c>) are also projected into service endpoints. Default: true.</summary>
    public bool ProjectServiceConfig { get; init; } = true;
}
