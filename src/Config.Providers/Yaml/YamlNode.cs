using YamlDotNet.Core;

namespace Config.Providers.Yaml;

/// <summary>The document as a small tree; an alias is the anchored node itself, so expansion costs no copies.</summary>
internal abstract class YamlNode(Mark start)
{
    public Mark Start { get; } = start;

    /// <summary>False while the node is still being read: an alias to it then would be a cycle.</summary>
    public bool Complete { get; set; }
}

internal sealed class YamlScalarNode(Mark start, string? value, bool plain) : YamlNode(start)
{
    /// <summary>The text, or null for <c>~</c>, <c>null</c>, an empty plain scalar or <c>!!null</c>.</summary>
    public string? Value { get; } = value;

    /// <summary>Written without quotes (only then is <c>&lt;&lt;</c> a merge key).</summary>
    public bool Plain { get; } = plain;
}

internal sealed class YamlSequenceNode(Mark start) : YamlNode(start)
{
    public List<YamlNode> Items { get; } = [];
}

internal sealed class YamlMappingNode(Mark start) : YamlNode(start)
{
    public List<(YamlScalarNode Key, YamlNode Value)> Entries { get; } = [];

    /// <summary>Values of <c>&lt;&lt;</c> keys, in order, with where each key was written.</summary>
    public List<(Mark At, YamlNode Value)> Merges { get; } = [];
}
