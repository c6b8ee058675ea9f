namespace Config.Providers.Conformance.Yaml;

/// <summary>yaml-test-suite cases where the provider differs, each with its reason (docs/conformance.md).</summary>
internal static class YamlTestSuiteDifferences
{
    public static IReadOnlyDictionary<string, string> Known { get; } = new Dictionary<string, string>
    {
        // Deliberate: a tag the library does not know is an error naming it, because tags never construct or run
        // anything here and a silently ignored tag could change what a value means.
        ["7FWL"] = "local and verbatim tags (!bar, !<tag:yaml.org,2002:str>) are refused",
        ["CUP7"] = "the local tag !local is refused",
        ["M5C3"] = "the local tag !foo is refused",
        ["Z67P"] = "the local tag !foo is refused",
        ["UGM3"] = "the application tag tag:clarkevans.com,2002:invoice is refused",

        // Deliberate: a key holding ':' is a configuration path, as in every Microsoft.Extensions.Configuration provider.
        ["4ABK"] = "the key 'http://foo.com' reads as the path http → //foo.com (a flow mapping JSON cannot hold as written)",

        // Deliberate: a document that is an empty node is an empty configuration, whatever its tag.
        ["UKK6-02"] = "an empty node tagged with the non-specific tag '!' reads as an empty configuration",

        // YamlDotNet 16.3's parser (18.1 does the same): valid YAML it rejects or reads wrongly.
        ["4MUZ-02"] = "YamlDotNet rejects a flow mapping whose ':' is on the line after the key",
        ["VJP3-01"] = "YamlDotNet rejects a flow mapping spread over lines with its value on the next line",
        ["DK95-04"] = "YamlDotNet rejects a tab after the ':' of a plain value on a continued line",
        ["L24T-01"] = "YamlDotNet reads a literal block scalar ending in a line of spaces without a final line break (x\\n  instead of x\\n \\n)",

        // YamlDotNet 16.3's parser: invalid YAML it accepts. Telling a tab used as indentation from a tab that is
        // separation needs the indentation level of the enclosing block, which only a YAML parser knows: not checked
        // on the raw text (MUS6-00, '#' after %YAML's version, is checked there).
        ["DK95-01"] = "YamlDotNet accepts a tab as indentation inside a double-quoted continuation",
    };
}
