using System.Runtime.CompilerServices;
using Config.Providers.Core;

namespace Config.Providers.Yaml;

/// <summary>Offers the YAML parser to other providers (Consul documents) through <see cref="ConfigurationFormats"/>.</summary>
internal static class YamlFormatRegistration
{
    private static readonly YamlParseOptions DocumentOptions = new() { ProjectServiceConfig = false };

    // Registration at load keeps the Consul provider from referencing this one (docs/architecture.md); it only sets a
    // delegate, so running it in any library-loading context is harmless.
#pragma warning disable CA2255
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register() => ConfigurationFormats.Document = static (text, source) => YamlConfigurationParser.Parse(text, source, DocumentOptions);
}
