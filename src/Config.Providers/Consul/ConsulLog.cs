using Microsoft.Extensions.Logging;

namespace Config.Providers.Consul;

/// <summary>Log messages of the Consul KV provider. Stable ids; never values or tokens.</summary>
internal static partial class ConsulLog
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Waiting for Consul at {Address} (found via {Origin}); attempt {Attempt}, {Elapsed:0.0} s of {Timeout:0} s: {Reason}")]
    public static partial void Waiting(ILogger logger, string address, string origin, int attempt, double elapsed, double timeout, string reason);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "Consul at {Address} is unreachable after {Timeout:0} s; starting from the last-known-good snapshot {Snapshot} (degraded until Consul answers)")]
    public static partial void UsingSnapshot(ILogger logger, string address, double timeout, string snapshot);

    [LoggerMessage(EventId = 302, Level = LogLevel.Warning, Message = "Watching {Folder} in Consul at {Address} failed {Failures} time(s) in a row; keeping the last good values and retrying in {Delay:0.0} s: {Reason}")]
    public static partial void WatchFailing(ILogger logger, string folder, string address, int failures, double delay, string reason);

    [LoggerMessage(EventId = 303, Level = LogLevel.Information, Message = "Consul at {Address} answers again for {Folder} after {Failures} failure(s) over {Duration:0.0} s")]
    public static partial void Recovered(ILogger logger, string address, string folder, int failures, double duration);

    [LoggerMessage(EventId = 304, Level = LogLevel.Debug, Message = "Consul folder {Folder} changed: {Count} configuration key(s) now")]
    public static partial void Changed(ILogger logger, string folder, int count);

    [LoggerMessage(EventId = 305, Level = LogLevel.Information, Message = "Consul's index for {Folder} went back from {Previous} to {Current} (restore or restart); following it from the new index")]
    public static partial void IndexReset(ILogger logger, string folder, ulong previous, ulong current);

    [LoggerMessage(EventId = 306, Level = LogLevel.Error, Message = "Consul key {Key} cannot be read; it keeps its last good value while the folder's other keys are applied: {Reason}")]
    public static partial void InvalidKey(ILogger logger, string key, string reason);

    [LoggerMessage(EventId = 309, Level = LogLevel.Warning, Message = "Consul at {Address} answered for {Folder} without a usable X-Consul-Index ({Count} time(s) in a row), so it cannot block; polling again in {Delay:0.0} s")]
    public static partial void NoIndex(ILogger logger, string address, string folder, int count, double delay);

    [LoggerMessage(EventId = 312, Level = LogLevel.Warning, Message = "Re-reading Consul at {Address} on request failed; keeping the last good values: {Reason}")]
    public static partial void RefreshFailed(ILogger logger, string address, string reason);

    [LoggerMessage(EventId = 313, Level = LogLevel.Error, Message = "Applying Consul's answer for {Part} failed unexpectedly; keeping the last good values: {Reason}")]
    public static partial void ApplyFailed(ILogger logger, string part, string reason);

    [LoggerMessage(EventId = 315, Level = LogLevel.Warning, Message = "Consul's index for {Part} went back from {Previous} to {Index} and the folder would lose {Removed} of its {Before} keys: keeping its last values until a write moves the index past {Index} (a cluster rebuilt empty, or restored from an old snapshot?). Set HoldFoldersEmptiedByReset = false to apply such answers at once")]
    public static partial void ResetHeld(ILogger logger, string part, ulong previous, ulong index, int removed, int before);

    [LoggerMessage(EventId = 317, Level = LogLevel.Information, Message = "Consul answered for {Part} with index {Stale}, behind the {Previous} already applied, and a consistent read says {Confirmed}: the stale answer (an old leader's, during an election) is dropped")]
    public static partial void StaleAnswerDropped(ILogger logger, string part, ulong previous, ulong stale, ulong confirmed);

    [LoggerMessage(EventId = 316, Level = LogLevel.Information, Message = "Consul's index for {Part} moved past the reset ({Index}): applying its state ({Keys} keys)")]
    public static partial void ResetConfirmed(ILogger logger, string part, ulong index, int keys);

    [LoggerMessage(EventId = 314, Level = LogLevel.Warning, Message = "Consul at {Address} asked to wait {Asked:0} s before asking again for {Part}; waiting {Delay:0} s, the longest backoff (MaximumBackoff)")]
    public static partial void RetryAfterCapped(ILogger logger, string address, string part, double asked, double delay);

    [LoggerMessage(EventId = 311, Level = LogLevel.Information, Message = "Required service {Service} changed: {Count} passing instance(s)")]
    public static partial void ServiceChanged(ILogger logger, string service, int count);

    [LoggerMessage(EventId = 307, Level = LogLevel.Warning, Message = "TLS certificate verification for Consul at {Address} is turned off")]
    public static partial void InsecureTls(ILogger logger, string address);

    [LoggerMessage(EventId = 308, Level = LogLevel.Warning, Message = "Could not write the Consul snapshot {Snapshot}: {Reason}")]
    public static partial void SnapshotFailed(ILogger logger, string snapshot, string reason);

    [LoggerMessage(EventId = 310, Level = LogLevel.Information, Message = "Waiting for required services: {Missing}; {Elapsed:0.0} s of {Timeout:0} s")]
    public static partial void WaitingForServices(ILogger logger, string missing, double elapsed, double timeout);
}
