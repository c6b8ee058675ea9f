namespace Config.Providers;

/// <summary>One changed configuration key in a <see cref="SettingsReloadReport"/>.</summary>
/// <param name="Key">The full configuration key.</param>
/// <param name="IsMutable">Whether the setting is <see cref="MutableAttribute">[Mutable]</see>.</param>
/// <param name="Disposition">What happened to the change.</param>
/// <param name="Source">Where the new value came from (or the old one, for a removed key), when known.</param>
/// <param name="OldValue">The running value before, or null when the key was absent. Secrets are masked.</param>
/// <param name="NewValue">The value configuration now holds, or null when the key was removed. Secrets are masked.</param>
public sealed record SettingChange(string Key, bool IsMutable, ChangeDisposition Disposition, string? Source, string? OldValue, string? NewValue);
