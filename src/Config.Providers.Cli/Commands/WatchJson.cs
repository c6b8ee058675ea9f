using System.CommandLine;
using System.Text.Json;
using Config.Providers.Cli.Output;
using Microsoft.Extensions.Primitives;

namespace Config.Providers.Cli.Commands;

[System.Text.Json.Serialization.JsonSerializable(typeof(ChangeLine))]
internal sealed partial class WatchJson : System.Text.Json.Serialization.JsonSerializerContext;
