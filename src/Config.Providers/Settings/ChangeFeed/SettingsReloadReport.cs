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
