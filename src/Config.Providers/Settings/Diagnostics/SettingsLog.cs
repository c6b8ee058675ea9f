using Microsoft.Extensions.Logging;

namespace Config.Providers.Settings.Diagnostics;

/// <summary>
/// Log messages of the settings pipeline. Event ids are stable (documented in docs/diagnostics.md); messages
/// name keys and sources, never values.
/// </summary>
internal static partial class SettingsLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Debug, Message = "Bound settings {OptionsType} (name '{OptionsName}') from section '{Section}'")]
    public static partial void Bound(ILogger logger, string optionsType, string optionsName, string section);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Settings {OptionsType}: {Problem}")]
    public static partial void UnknownKey(ILogger logger, string optionsType, string problem);

    [LoggerMessage(EventId = 110, Level = LogLevel.Information, Message = "Applied {Count} changed setting(s) to {OptionsType}: {Keys}")]
    public static partial void Applied(ILogger logger, int count, string optionsType, string keys);

    [LoggerMessage(EventId = 111, Level = LogLevel.Warning, Message = "{Count} changed setting(s) of {OptionsType} are not mutable and take effect only after a restart; the running values stay: {Keys}")]
    public static partial void PendingRestart(ILogger logger, int count, string optionsType, string keys);

    [LoggerMessage(EventId = 112, Level = LogLevel.Error, Message = "Rejected a configuration reload for {OptionsType}; the last good values stay. Problems: {Problems}")]
    public static partial void Rejected(ILogger logger, string optionsType, string problems);

    [LoggerMessage(EventId = 113, Level = LogLevel.Debug, Message = "Configuration reloaded; nothing {OptionsType} reads changed")]
    public static partial void Unchanged(ILogger logger, string optionsType);

    [LoggerMessage(EventId = 114, Level = LogLevel.Warning, Message = "Stopping the application so that it restarts with the changed settings of {OptionsType} (PendingRestartPolicy.StopApplication)")]
    public static partial void StoppingForRestart(ILogger logger, string optionsType);

    [LoggerMessage(EventId = 115, Level = LogLevel.Error, Message = "Processing a configuration reload for {OptionsType} failed unexpectedly ({ExceptionType}: {Reason}); the last good values stay")]
    public static partial void ReloadFailed(ILogger logger, string optionsType, string exceptionType, string reason);

    [LoggerMessage(EventId = 117, Level = LogLevel.Information, Message = "Settings of {OptionsType} that waited for a restart are back to their running values; no restart is needed any more")]
    public static partial void PendingRestartCleared(ILogger logger, string optionsType);

    [LoggerMessage(EventId = 116, Level = LogLevel.Error, Message = "A change listener of {OptionsType} threw {ExceptionType}: {Reason}")]
    public static partial void ListenerFailed(ILogger logger, string optionsType, string exceptionType, string reason);
}
