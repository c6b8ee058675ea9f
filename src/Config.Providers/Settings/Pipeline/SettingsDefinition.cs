namespace Config.Providers.Settings.Pipeline;

/// <summary>What one <c>AddSettings&lt;T&gt;</c> call declared: the options name, the section, and its policies.</summary>
internal sealed record SettingsDefinition<T>(string Name, string SectionPath, SettingsOptions Options)
    where T : class;
