using System.CommandLine;
using System.Text.Json;
using Config.Providers.Cli.Output;
using Microsoft.Extensions.Primitives;

namespace Config.Providers.Cli.Commands;

/// <summary>One line of <c>watch</c> output.</summary>
internal sealed record ChangeLine(
    [property: System.Text.Json.Serialization.JsonPropertyName("key")] string Key,
    [property: System.Text.Json.Serialization.JsonPropertyName("old")] string? Old,
    [property: System.Text.Json.Serialization.JsonPropertyName("new")] string? New,
    [property: System.Text.Json.Serialization.JsonPropertyName("source")] string? Source);
