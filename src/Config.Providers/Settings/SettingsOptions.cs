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
