namespace Config.Providers;

/// <summary>How <c>AddSettings&lt;T&gt;</c> treats one settings type. Set through the <c>configure</c> argument.</summary>
public sealed class SettingsOptions
{
    /// <summary>
    /// What to do with keys under the section that match no member. Default: <see cref="UnknownKeyPolicy.Warn"/>, because
    /// during a rolling deploy a key added for the newer version (or by another service in a shared Consul folder) must
    /// not stop an older instance from starting or from applying its mutable changes. <see cref="UnknownKeyPolicy.Error"/>
    /// is for sections only this service's own files feed.
    /// </summary>
    public UnknownKeyPolicy UnknownKeys { get; set; } = UnknownKeyPolicy.Warn;

    /// <summary>What to do when a reload changes a setting that is not <see cref="MutableAttribute">[Mutable]</see>. Default: <see cref="PendingRestartPolicy.Report"/>.</summary>
    public PendingRestartPolicy PendingRestart { get; set; } = PendingRestartPolicy.Report;
}

/// <summary>What to do with configuration keys under a settings section that match no member.</summary>
public enum UnknownKeyPolicy
{
    /// <summary>An unknown key is a problem: startup fails and a reload is rejected, with a "did you mean" hint.</summary>
    Error,

    /// <summary>An unknown key is logged as a warning (once per key), with a "did you mean" hint. The default.</summary>
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
