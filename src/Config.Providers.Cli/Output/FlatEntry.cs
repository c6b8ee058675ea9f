using Config.Providers.Core;
using Config.Providers.Discovery;
using Config.Providers.Settings.Provenance;
using Config.Providers.Settings.Redaction;
using Microsoft.Extensions.Configuration;

namespace Config.Providers.Cli.Output;

/// <summary>One configuration key as the tool shows it.</summary>
internal sealed record FlatEntry(string Key, string? Value, string? Source);
