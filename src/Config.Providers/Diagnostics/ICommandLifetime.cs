namespace Config.Providers.Diagnostics;

/// <summary>
/// Marks a host lifetime that runs a one-shot command instead of starting the host (<c>--check-config</c>,
/// <c>--settings-schema</c>): the settings' startup validation steps aside for it, since the command reports the
/// problems itself.
/// </summary>
internal interface ICommandLifetime;
