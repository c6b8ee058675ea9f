namespace Config.Providers;

/// <summary>What to do when a reload changes settings that only take effect after a restart.</summary>
public enum PendingRestartPolicy
{
    /// <summary>Keep running with the old values; report the change as pending (warning log, change feed, Degraded health).</summary>
    Report,

    /// <summary>Report, then ask the host to stop (<c>IHostApplicationLifetime.StopApplication</c>) so an orchestrator restarts it with the new values.</summary>
    StopApplication,
}
