namespace Config.Providers.Cli.Output;

/// <summary>
/// Writes flattened configuration as <c>NAME="value"</c> lines, <c>:</c> becoming <c>__</c> in names as .NET's
/// environment-variable provider reads them back. Two dialects, because their parsers differ (docs/providers/env-files.md):
/// <list type="bullet">
/// <item><c>compose</c> (and <c>AddEnvFile</c>): names may hold <c>.</c> and <c>-</c>; <c>\n</c>, <c>\r</c>, <c>\t</c> are escapes.</item>
/// <item><c>systemd</c> (<c>EnvironmentFile=</c>): names are <c>[A-Za-z_][A-Za-z0-9_]*</c> only — systemd drops any other
/// line with a log message — and inside double quotes only <c>\"</c>, <c>\\</c>, <c>\`</c>, <c>\$</c> are escapes, so line
/// breaks are written as they are (a quoted value may span lines).</item>
/// </list>
/// A key that cannot be a name in the dialect is an error naming every such key: nothing is dropped silently.
/// </summary>
internal static class EnvFileWriter
{
    public static readonly string[] Dialects = ["compose", "systemd"];

    public static void Write(IReadOnlyList<FlatEntry> entries, string dialect, TextWriter output)
    {
        var systemd = dialect == "systemd";
        var unusable = entries.Where(e => !IsName(Name(e.Key), systemd)).Select(e => $"'{e.Key}'").ToList();
        if (unusable.Count > 0)
        {
            throw new InvalidOperationException(
                $"{unusable.Count} key(s) cannot be {(systemd ? "systemd EnvironmentFile" : "env-file")} variable names: {string.Join(", ", unusable)}"
                + (systemd ? " (systemd accepts only letters, digits and '_'; the compose dialect also takes '.' and '-')" : string.Empty));
        }

        foreach (var entry in entries)
        {
            var value = entry.Value ?? string.Empty;
            if (value.Contains('\0', StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"'{entry.Key}' holds a NUL character, which no env file can carry");
            }

            output.Write(Name(entry.Key));
            output.Write("=\"");
            output.Write(systemd ? EscapeSystemd(value) : EscapeCompose(value));
            output.WriteLine('"');
        }
    }

    /// <summary>The variable name of a configuration key: <c>Orders:Database:Port</c> → <c>Orders__Database__Port</c>.</summary>
    public static string Name(string key) => key.Replace(":", "__", StringComparison.Ordinal);

    private static bool IsName(string name, bool systemd) =>
        name.Length > 0
        && (char.IsAsciiLetter(name[0]) || name[0] == '_')
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_' || (!systemd && c is '.' or '-'));

    private static string EscapeCompose(string value) => value
        .Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
        .Replace("$", "\\$", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)
        .Replace("\r", "\\r", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal);

    private static string EscapeSystemd(string value) => value
        .Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
        .Replace("`", "\\`", StringComparison.Ordinal).Replace("$", "\\$", StringComparison.Ordinal);
}
