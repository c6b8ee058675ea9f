using YamlDotNet.Core;

namespace Config.Providers.Formats.Yaml;

internal sealed class YamlScalarNode(Mark start, string? value, bool plain) : YamlNode(start)
{
    /// <summary>The text, or null for <c>~</c>, <c>null</c>, an empty plain scalar or <c>!!null</c>.</summary>
    public string? Value { get; } = value;

    /// <summary>Written without quotes (only then is <c>&lt;&lt;</c> a merge key).</summary>
    public bool Plain { get; } = plain;
}
