namespace Config.Providers;

/// <summary>What one configuration reload did to one settings type.</summary>
/// <param name="OptionsType">The settings class.</param>
/// <param name="OptionsName">The options name (<see cref="Microsoft.Extensions.Options.Options.DefaultName"/> when unnamed).</param>
/// <param name="SectionPath">The configuration section the settings are bound from.</param>
/// <param name="Timestamp">When the reload was processed.</param>
/// <param name="Outcome">The overall result.</param>
/// <param name="Changes">Each changed key with what happened to it. Keys are compared with the values the service runs with.</param>
/// <param name="Problems">Why the reload was rejected (key, message, source), empty otherwise. Never holds a secret value.</param>
public sealed record SettingsReloadReport(
    Type OptionsType,
    string OptionsName,
    string SectionPath,
    DateTimeOffset Timestamp,
    ReloadOutcome Outcome,
    IReadOnlyList<SettingChange> Changes,
    IReadOnlyList<string> Problems);

/// <summary>One changed configuration key in a <see cref="SettingsReloadReport"/>.</summary>
/// <param name="Key">The full configuration key.</param>
/// <param name="IsMutable">Whether the setting is <see cref="MutableAttribute">[Mutable]</see>.</param>
/// <param name="Disposition">What happened to the change.</param>
/// <param name="Source">Where the new value came from (or the old one, for a removed key), when known.</param>
/// <param name="OldValue">The running value before, or null when the key was absent. Secrets are masked.</param>
/// <param name="NewValue">The value configuration now holds, or null when the key was removed. Secrets are masked.</param>
public sealed record SettingChange(string Key, bool IsMutable, ChangeDisposition Disposition, string? Source, string? OldValue, string? NewValue);

/// <summary>The overall result of a reload for one settings type.</summary>
public enum ReloadOutcome
{
    /// <summary>Nothing this settings type reads changed.</summary>
    Unchanged,

    /// <summary>Only mutable settings changed, and they were applied.</summary>
    Applied,

    /// <summary>Mutable changes were applied; immutable ones wait for a restart.</summary>
    AppliedWithPendingRestart,

    /// <summary>Only immutable settings differ from the running values; nothing was applied.</summary>
    PendingRestart,

    /// <summary>The new configuration is invalid; nothing was applied and the last good values stay.</summary>
    Rejected,
}

/// <summary>What happened to one changed key.</summary>
public enum ChangeDisposition
{
    /// <summary>The new value is in effect.</summary>
    Applied,

    /// <summary>The setting is not mutable: the running value stays until the service restarts.</summary>
    PendingRestart,

    /// <summary>The reload was rejected as a whole.</summary>
    Rejected,
}
