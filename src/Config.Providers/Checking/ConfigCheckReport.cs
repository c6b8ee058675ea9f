using Config.Providers.Settings.Pipeline;

namespace Config.Providers.Checking;

/// <summary>What <c>--check-config</c> found: how the configuration was built, and each settings type's problems and warnings.</summary>
internal sealed class ConfigCheckReport
{
    /// <summary>The exit code of a valid configuration.</summary>
    public const int Valid = 0;

    /// <summary>The exit code of an invalid one (the same a failed start gives in the examples and the tool).</summary>
    public const int Invalid = 2;

    /// <summary>This service's name.</summary>
    public string? Service { get; init; }

    /// <summary>The environment.</summary>
    public string? Environment { get; init; }

    /// <summary>The content root the host resolved: where <c>appsettings*.json</c>, <c>.env</c> and <c>config.yaml</c> were looked for.</summary>
    public string? ContentRoot { get; init; }

    /// <summary>The configuration providers, lowest precedence first.</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];

    /// <summary>One line per source decision (AddServiceDiscovery's notes, such as Consul skipped).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Why the configuration could not be built at all (a source failed), or null.</summary>
    public string? Failure { get; init; }

    /// <summary>What the sources warned about as they were read (an unset <c>${VAR}</c> that became empty), each with its location.</summary>
    public IReadOnlyList<string> SourceWarnings { get; init; } = [];

    /// <summary>Every settings type and options name registered with <c>AddSettings</c>.</summary>
    public IReadOnlyList<SettingsCheck> Settings { get; init; } = [];

    /// <summary>The problems of every settings type together.</summary>
    public int ProblemCount => Settings.Sum(s => s.Problems.Count) + (Failure is null ? 0 : 1);

    /// <summary>The warnings of the sources and of every settings type together.</summary>
    public int WarningCount => SourceWarnings.Count + Settings.Sum(s => s.Warnings.Count);

    /// <summary><see cref="Valid"/> or <see cref="Invalid"/>.</summary>
    public int ExitCode => ProblemCount == 0 ? Valid : Invalid;
}
