namespace Config.Providers.Checking;

/// <summary>
/// <c>--settings-schema</c> on a service's command line: write the JSON Schema of its settings (to standard output, or
/// with <c>--settings-schema=FILE</c> to that file) and exit 0, without reading any configuration or starting anything.
/// </summary>
/// <param name="Path">The file to write, or null for standard output.</param>
internal sealed record SettingsSchemaRequest(string? Path)
{
    /// <summary>The switch.</summary>
    public const string Switch = "--settings-schema";

    /// <summary>The request in <paramref name="args"/> (the process's arguments, without the program), or null.</summary>
    public static SettingsSchemaRequest? FromArgs(IReadOnlyList<string> args)
    {
        foreach (var arg in args)
        {
            if (arg == Switch)
            {
                return new SettingsSchemaRequest((string?)null);
            }

            if (arg.StartsWith(Switch + "=", StringComparison.Ordinal))
            {
                return new SettingsSchemaRequest(arg[(Switch.Length + 1)..] is { Length: > 0 } path ? path : null);
            }
        }

        return null;
    }

    /// <summary>The request on this process's command line, or null.</summary>
    public static SettingsSchemaRequest? FromProcess() => FromArgs(Environment.GetCommandLineArgs().AsSpan(1).ToArray());
}
