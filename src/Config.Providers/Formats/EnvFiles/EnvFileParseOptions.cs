namespace Config.Providers.Formats.EnvFiles;

/// <summary>How <see cref="EnvFileParser"/> reads a file.</summary>
internal sealed record EnvFileParseOptions
{
    /// <summary>systemd's <c>EnvironmentFile=</c> syntax instead of compose's. Default: false (compose).</summary>
    public bool Systemd { get; init; }

    /// <summary>Whether <c>${VAR}</c>, <c>${VAR:-default}</c>, <c>${VAR-default}</c> and <c>$VAR</c> are expanded (Compose only). Default: true.</summary>
    public bool Interpolation { get; init; } = true;

    /// <summary>
    /// Looks up variables the file does not define, for interpolation. Default: the process environment.
    /// Reading it is all the parser does with the environment: it never changes it.
    /// </summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;
}
