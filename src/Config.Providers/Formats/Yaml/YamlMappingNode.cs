using YamlDotNet.Core;

namespace Config.Providers.Formats.Yaml;

internal sealed class YamlMappingNode(Mark start) : YamlNode(start)
{
    /// <summary>The effective entries: the mapping's own, then those its merge keys brought.</summary>
    public List<(string Key, YamlNode Value)> Entries { get; } = [];
}
