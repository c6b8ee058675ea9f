using Microsoft.Extensions.Logging;

namespace Config.Providers.Diagnostics;

/// <summary>
/// The console that shows what sources log before the host exists (waiting for Consul, a required service, a bad
/// file): one line per message, on standard error so it never mixes with a tool's output, Information and above.
/// </summary>
internal static class BootstrapConsole
{
    private static readonly Lazy<ILoggerFactory> Shared = new(() => LoggerFactory.Create(logging => logging
        .SetMinimumLevel(LogLevel.Information)
        .AddSimpleConsole(o => o.SingleLine = true)
        .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)));

    /// <summary>One factory for the process: its console queue lives as long as the process does.</summary>
    public static ILoggerFactory Factory => Shared.Value;
}
