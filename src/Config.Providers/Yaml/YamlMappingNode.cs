using YamlDotNet.Core;

namespace Config.Providers.Yaml;

internal sealed class YamlMappingNode(Mark start) : YamlNode(start)
{
    public List<(YamlScalarNode Key, YamlNode Value)> Entries { get; } = [];

    /// <summary>Values of <c>&lt;&lt;</c> keys, in order, with where each key was written.</summary>
    public List<(Mark At, YamlNode Value)> Merges { get; } = [];
}
