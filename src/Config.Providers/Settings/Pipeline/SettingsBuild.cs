using Config.Providers.Settings.Binding;

namespace Config.Providers.Settings.Pipeline;

/// <summary>The result of building one candidate settings object from configuration.</summary>
internal sealed record SettingsBuild<T>(T Instance, RawSnapshot Raw, IReadOnlyList<SettingsProblem> Problems, IReadOnlyList<SettingsProblem> Warnings)
{
    public bool IsValid => Problems.Count == 0;
}
