namespace Config.Providers.Formats.Yaml;

/// <summary>
/// What <see cref="YamlConfigurationParser"/> needs to know: the limits and whether to project serviceconfig ports.
/// The public <c>YamlParseOptions</c> of the YAML provider maps onto it; documents read by other providers (Consul
/// keys, versioned files, serf, dotCloud) use <see cref="Document"/>.
/// </summary>
internal sealed record YamlReadOptions
{
    /// <summary>Defaults, with serviceconfig projection: the YAML provider's generated <c>config.yaml</c>.</summary>
    public static readonly YamlReadOptions File = new();

    /// <summary>Defaults, without projection: a document another provider reads.</summary>
    public static readonly YamlReadOptions Document = new() { ProjectServiceConfig = false };

    /// <summary>Deepest nesting of mappings and sequences.</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>Most nodes after alias expansion.</summary>
    public int MaxExpandedNodes { get; init; } = 250_000;

    /// <summary>Longest key produced.</summary>
    public int MaxKeyLength { get; init; } = Core.KeyBudget.DefaultMaxKeyLength;

    /// <summary>Most characters of keys and values produced.</summary>
    public long MaxExpandedCharacters { get; init; } = Core.KeyBudget.DefaultMaxCharacters;

    /// <summary>Whether serviceconfig-shaped entries are also projected into service endpoints.</summary>
    public bool ProjectServiceConfig { get; init; } = true;
}
