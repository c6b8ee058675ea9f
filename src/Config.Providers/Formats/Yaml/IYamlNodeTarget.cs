using YamlDotNet.Core;

namespace Config.Providers.Formats.Yaml;

/// <summary>
/// Receives a YAML node as <see cref="YamlDocumentReader"/> walks it, the one shape of the walk, whether the node streams into keys (<see cref="YamlKeySink"/>) or is kept for reuse
/// (<see cref="YamlTreeBuilder"/>). Duplicate keys, merges, tags and limits are the reader's; targets only record.
/// </summary>
internal interface IYamlNodeTarget
{
    /// <summary>A scalar; <paramref name="value"/> is null for YAML's null.</summary>
    void Scalar(Mark at, string? value, bool plain);

    /// <summary>A node read before (an alias's anchor, a merged entry) used again here.</summary>
    void Reuse(YamlNode node);

    void BeginMapping(Mark at);

    /// <summary>The value that follows belongs to <paramref name="key"/>.</summary>
    void BeginEntry(string key);

    void EndEntry();

    /// <summary>The mapping ends after <paramref name="count"/> entries (its own and merged ones).</summary>
    void EndMapping(Mark start, int count);

    void BeginSequence(Mark at);

    /// <summary>The value that follows is item <paramref name="index"/>.</summary>
    void BeginItem(int index);

    void EndItem();

    void EndSequence(Mark start, int count);
}
