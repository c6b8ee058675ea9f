using System.Runtime.CompilerServices;
using Config.Providers.Core;

namespace Config.Providers.EnvFiles;

/// <summary>Offers the env-file parser (systemd dialect) to other providers (the Consul location) through <see cref="ConfigurationFormats"/>.</summary>
internal static class EnvFileFormatRegistration
{
    // Registration at load keeps the Consul provider from referencing this one (docs/architecture.md).
#pragma warning disable CA2255
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register() => ConfigurationFormats.Variables = static (text, source) =>
        EnvFileParser.Parse(text, source, new EnvFileParseOptions { Dialect = EnvFileDialect.Systemd }).Entries
            .GroupBy(e => e.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);
}
