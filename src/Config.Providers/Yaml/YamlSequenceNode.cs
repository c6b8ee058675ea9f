using YamlDotNet.Core;

namespace Config.Providers.Yaml;

internal sealed class YamlSequenceNode(Mark start) : YamlNode(start)
{
    public List<YamlNode> Items { get; } = [];
}
