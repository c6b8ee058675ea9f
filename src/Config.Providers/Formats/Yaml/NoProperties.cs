using YamlDotNet.Core;

namespace Config.Providers.Formats.Yaml;

/// <summary>The anchor and tag of an event the line reader makes: it reads no file that has either.</summary>
/// <remarks>
/// <c>default</c>, which is what <c>AnchorName.Empty</c> and <c>TagName.Empty</c> hold, but without reading them:
/// <c>AnchorName</c>'s type initializer builds a compiled regular expression (Reflection.Emit, about 10 ms at start)
/// that a file without anchors never needs. <c>NoPropertiesTests</c> keeps the library from reading the field.
/// </remarks>
internal static class NoProperties
{
    public static AnchorName Anchor => default;

    public static TagName Tag => default;
}
