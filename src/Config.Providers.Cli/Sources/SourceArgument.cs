using Config.Providers.Consul;
using Microsoft.Extensions.Configuration;

namespace Config.Providers.Cli.Sources;

/// <summary>One source named on the command line.</summary>
internal sealed record SourceArgument(string Kind, string Value);
