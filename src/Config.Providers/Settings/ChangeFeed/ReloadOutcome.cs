namespace Config.Providers;

/// <summary>The overall result of a reload for one settings type.</summary>
public enum ReloadOutcome
{
    /// <summary>Nothing this settings type reads changed.</summary>
    Unchanged,

    /// <summary>Only mutable settings changed, and they were applied.</summary>
    Applied,

    /// <summary>Mutable changes were applied; immutable ones wait for a restart.</summary>
    AppliedWithPendingRestart,

    /// <summary>Only immutable settings differ from the running values; nothing was applied.</summary>
    PendingRestart,

    /// <summary>The new configuration is invalid; nothing was applied and the last good values stay.</summary>
    Rejected,
}
