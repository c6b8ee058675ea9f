namespace Config.Providers.Checking;

/// <summary>
/// <c>--check-config</c> on a service's command line (like <c>nginx -t</c>): build the configuration as a real start
/// would, check every settings type, print the result and exit 0 (valid) or 2 (invalid) without starting anything.
/// <c>--check-config --format json</c> (or <c>--check-config=json</c>) prints it for machines. The host's command-line
/// configuration reads <c>--check-config --contentRoot DIR</c> as <c>check-config=--contentRoot</c>, so the switch goes
/// last, or takes its value: <c>--check-config=text</c>, <c>--check-config=json</c>.
/// </summary>
/// <param name="Json">Whether to print JSON instead of text.</param>
internal sealed record ConfigCheckRequest(bool Json)
{
    /// <summary>The switch.</summary>
    public const string Switch = "--check-config";

    /// <summary>The request in <paramref name="args"/> (the process's arguments, without the program), or null.</summary>
    public static ConfigCheckRequest? FromArgs(IReadOnlyList<string> args)
    {
        var requested = false;
        var json = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == Switch)
            {
                requested = true;
            }
            else if (arg.StartsWith(Switch + "=", StringComparison.Ordinal))
            {
                requested = true;
                json |= arg[(Switch.Length + 1)..].Equals("json", StringComparison.OrdinalIgnoreCase);
            }
            else if (arg == "--format" && i + 1 < args.Count)
            {
                json |= args[++i].Equals("json", StringComparison.OrdinalIgnoreCase);
            }
            else if (arg.StartsWith("--format=", StringComparison.Ordinal))
            {
                json |= arg["--format=".Length..].Equals("json", StringComparison.OrdinalIgnoreCase);
            }
        }

        return requested ? new ConfigCheckRequest(json) : null;
    }

    /// <summary>The request on this process's command line, or null.</summary>
    public static ConfigCheckRequest? FromProcess() => FromArgs(Environment.GetCommandLineArgs().AsSpan(1).ToArray());
}
