namespace Config.Providers;

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
