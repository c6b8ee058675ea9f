namespace Config.Providers.Settings.Pipeline;

/// <summary>
/// What a reload would do, worked out outside the pipeline's lock: the differences from the running snapshot it was
/// compared with, the value to run if applied (the candidate, or the mixed rebuild that keeps immutable values), and
/// the problems that reject it (none when it can be applied).
/// </summary>
internal sealed record ReloadDecision<T>(List<KeyDifference> Differences, SettingsBuild<T> Next, IReadOnlyList<SettingsProblem> Problems);
