using YamlDotNet.Core;

namespace Config.Providers.Formats.Yaml;

/// <summary>The document as a small tree; an alias is the anchored node itself, so expansion costs no copies.</summary>
internal abstract class YamlNode(Mark start)
{
    public Mark Start { get; } = start;

    /// <summary>False while the node is still being read: an alias to it then would be a cycle.</summary>
    public bool Complete { get; set; }
}
