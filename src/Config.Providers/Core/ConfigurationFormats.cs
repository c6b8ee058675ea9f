namespace Config.Providers.Core;

/// <summary>
/// The pure parsers one provider borrows from another, reached through the core so that providers stay side by side:
/// the Consul provider reads documents stored at <c>.yaml</c>/<c>.json</c> keys with the YAML parser, and the Consul
/// location's <c>EnvironmentFile</c> with the env-file parser (systemd dialect). Each parser registers itself when the
/// assembly loads (<c>YamlFormatRegistration</c>, <c>EnvFileFormatRegistration</c>).
/// </summary>
internal static class ConfigurationFormats
{
    /// <summary>Parses a YAML (or JSON) document into flat keys; throws <see cref="ConfigurationFormatException"/>.</summary>
    public static Func<string, string, ParsedFile> Document { get; set; } = static (_, source) =>
        throw new InvalidOperationException($"No document parser is registered to read '{source}'.");

    /// <summary>Reads a systemd-style <c>EnvironmentFile</c> into variables (last wins); throws <see cref="ConfigurationFormatException"/>.</summary>
    public static Func<string, string, IReadOnlyDictionary<string, string>> Variables { get; set; } = static (_, source) =>
        throw new InvalidOperationException($"No env-file parser is registered to read '{source}'.");
}
