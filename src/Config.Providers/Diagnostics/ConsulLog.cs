using Microsoft.Extensions.Logging;

namespace Config.Providers.Diagnostics;

/// <summary>Log messages of the Consul KV provider. Stable ids; never values or tokens.</summary>
internal static partial class ConsulLog
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Waiting for Consul at {Address} (found via {Origin}); attempt {Attempt}, {Elapsed:0.0} s of {Timeout:0} s: {Reason}")]
    public static partial void Waiting(ILogger logger, string address, string origin, int attempt, double elapsed, double timeout, string reason);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "Consul at {Address} is unreachable after {Timeout:0} s; starting from the last-known-good snapshot {Snapshot} (degraded until Consul answers)")]
    public static partial void UsingSnapshot(ILogger logger, string address, double timeout, string snapshot);

    [LoggerMessage(EventId = 302, Level = LogLevel.Warning, Message = "Watching {Folder} in Consul at {Address} failed {Failures} time(s) in a row; keeping the last good values and retrying in {Delay:0.0} s: {Reason}")]
    public static partial void WatchFailing(ILogger logger, string folder, string address, int failures, double delay, string reason);

    [LoggerMessage(EventId = 303, Level = LogLevel.Information, Message = "Consul at {Address} answers again for {Folder}")]
    public static partial void Recovered(ILogger logger, string address, string folder);

    [LoggerMessage(EventId = 304, Level = LogLevel.Information, Message = "Consul folder {Folder} changed: {Count} key(s) now")]
    public static partial void Changed(ILogger logger, string folder, int count);

    [LoggerMessage(EventId = 305, Level = LogLevel.Information, Message = "Consul's index for {Folder} went back from {Previous} to {Current} (restore or restart); reading it afresh")]
    public static partial void IndexReset(ILogger logger, string folder, ulong previous, ulong current);

    [LoggerMessage(EventId = 306, Level = LogLevel.Error, Message = "Consul folder {Folder} holds an invalid value; keeping the last good values: {Reason}")]
    public static partial void InvalidValue(ILogger logger, string folder, string reason);

    [LoggerMessage(EventId = 307, Level = LogLevel.Warning, Message = "TLS certificate verification for Consul at {Address} is turned off")]
    public static partial void InsecureTls(ILogger logger, string address);

    [LoggerMessage(EventId = 308, Level = LogLevel.Warning, Message = "Could not write the Consul snapshot {Snapshot}: {Reason}")]
    public static partial void SnapshotFailed(ILogger logger, string snapshot, string reason);

    [LoggerMessage(EventId = 310, Level = LogLevel.Information, Message = "Waiting for required services: {Missing}; {Elapsed:0.0} s of {Timeout:0} s")]
    public static partial void WaitingForServices(ILogger logger, string missing, double elapsed, double timeout);
}
