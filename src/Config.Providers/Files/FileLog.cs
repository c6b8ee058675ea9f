using Microsoft.Extensions.Logging;

namespace Config.Providers.Files;

/// <summary>Log messages of the file providers (env files, YAML, environment.json). Stable ids; never values.</summary>
internal static partial class FileLog
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Debug, Message = "Reloaded {Path}: {Count} key(s)")]
    public static partial void Reloaded(ILogger logger, string path, int count);

    [LoggerMessage(EventId = 201, Level = LogLevel.Error, Message = "Could not reload {Path}; keeping the last good data and retrying. {Reason}")]
    public static partial void InvalidKeptLastGood(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "{Path} is missing; keeping the last good data until it is back")]
    public static partial void MissingKeptLastGood(ILogger logger, string path);

    [LoggerMessage(EventId = 203, Level = LogLevel.Warning, Message = "Ignoring {Path}: its version {Version} is older than the loaded version {Current}")]
    public static partial void OlderVersionIgnored(ILogger logger, string path, string version, string current);

    [LoggerMessage(EventId = 206, Level = LogLevel.Error, Message = "Refusing {Path}: {Reason}; keeping the loaded data")]
    public static partial void VersionRefused(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 204, Level = LogLevel.Information, Message = "Not watching {Path} for changes: {Reason}")]
    public static partial void NotWatching(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 204, Level = LogLevel.Debug, Message = "Not watching {Path} for changes: {Reason}")]
    public static partial void NotWatchingExpected(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 205, Level = LogLevel.Warning, Message = "{Warning}")]
    public static partial void ParseWarning(ILogger logger, string warning);
}
