namespace Config.Providers;

/// <summary>How <c>AddSettings&lt;T&gt;</c> treats one settings type. Set through the <c>configure</c> argument.</summary>
public sealed class SettingsOptions
{
    /// <summary>What to do with keys under the section that match no member. Default: <see cref="UnknownKeyPolicy.Error"/>.</summary>
    public UnknownKeyPolicy UnknownKeys { get; set; } = UnknownKeyPolicy.Error;

    /// <summary>What to do when a reload changes a setting that is not <see cref="MutableAttribute">[Mutable]</see>. Default: <see cref="PendingRestartPolicy.Report"/>.</summary>
    public PendingRestartPolicy PendingRestart { get; set; } = PendingRestartPolicy.Report;
}

/// <summary>What to do with configuration keys under a settings section that match no member.</summary>
public enum UnknownKeyPolicy
{
    /// <summary>An unknown key is a problem: startup fails and a reload is rejected, with a "did you mean" hint.</summary>
    Error,

    /// <summary>An unknown key is logged as a warning, with a "did you mean" hint.</summary>
    Warn,

    /// <summary>Unknown keys are ignored, as <c>ConfigurationBinder</c> does.</summary>
    Ignore,
}

/// <summary>What to do when a reload changes settings that only take effect after a restart.</summary>
public enum PendingRestartPolicy
{
    /// <summary>Keep running with the old values; report the change as pending (warning log, change feed, Degraded health).</summary>
    Report,

    /// <summary>Report, then ask the host to stop (<c>IHostApplicationLifetime.StopApplication</c>) so an orchestrator restarts it with the new values.</summary>
    StopApplication,
}
