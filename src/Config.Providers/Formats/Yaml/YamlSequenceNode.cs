using YamlDotNet.Core;

namespace Config.Providers.Formats.Yaml;

internal sealed class YamlSequenceNode(Mark start) : YamlNode(start)
{
    public List<YamlNode> Items { get; } = [];
}
