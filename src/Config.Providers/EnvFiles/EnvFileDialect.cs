namespace Config.Providers.EnvFiles;

/// <summary>Which env-file syntax to read.</summary>
public enum EnvFileDialect
{
    /// <summary>
    /// docker compose's <c>env_file</c> syntax: <c>export</c> prefix, inline <c># comments</c> after white space,
    /// single quotes literal, double quotes with escapes and several lines, <c>${VAR}</c> interpolation.
    /// </summary>
    Compose,

    /// <summary>
    /// systemd's <c>EnvironmentFile=</c> syntax (systemd.exec(5)): <c>#</c> and <c>;</c> comment lines, no inline comments,
    /// no interpolation, backslash-newline continuation, names limited to <c>[A-Za-z_][A-Za-z0-9_]*</c>.
    /// </summary>
    Systemd,
}
