using Config.Providers.Settings.Binding;

namespace Config.Providers.Settings.Pipeline;

/// <summary>
/// What one <c>AddSettings&lt;T&gt;</c> call declared: the options name, the section, its policies, and how
/// <typeparamref name="T"/> is bound (generated at compile time, or by reflection).
/// </summary>
internal sealed record SettingsDefinition<T>(string Name, string SectionPath, SettingsOptions Options, TypeShape Shape)
    where T : class;
