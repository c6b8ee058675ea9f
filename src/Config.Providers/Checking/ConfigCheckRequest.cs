namespace Config.Providers.Checking;

/// <summary>
/// <c>--check-config</c> on a service's command line (like <c>nginx -t</c>): build the configuration as a real start
/// would, check every settings type, print the result and exit 0 (valid) or 2 (invalid) without starting anything.
/// The format is text or JSON: <c>--check-config</c>, <c>--check-config=json</c>, <c>--check-config json</c>,
/// <c>--check-config --format json</c>; any other format is a usage error (exit 64). The switch may stand anywhere:
/// where it stands bare before another switch, the host has read that switch as its value (so
/// <c>--check-config --contentRoot=DIR</c> would check the current folder), and the check runs the program again with
/// the switch moved last (<see cref="ConfigCheckRelaunch"/>).
/// </summary>
/// <param name="Json">Whether to print JSON instead of text.</param>
/// <param name="Reordered">
/// The arguments with the switch moved last, when the host read another switch as the switch's value; else null.
/// </param>
internal sealed record ConfigCheckRequest(bool Json, IReadOnlyList<string>? Reordered = null)
{
    /// <summary>The switch.</summary>
    public const string Switch = "--check-config";

    /// <summary>The exit code of a command line that cannot be understood (BSD's EX_USAGE).</summary>
    public const int Usage = 64;

    /// <summary><c>--show-config</c>: the effective configuration as the service builds it, read the same way.</summary>
    public const string ShowSwitch = "--show-config";

    /// <summary>What to type for <paramref name="switch"/>.</summary>
    public static string UsageFor(string @switch = Switch) =>
        $"usage: {@switch}[=text|json] (or {@switch} json, {@switch} --format json), anywhere on the command line";

    /// <summary>The request for <paramref name="switch"/> in <paramref name="args"/> (the process's arguments, without the program), or null.</summary>
    /// <exception cref="FormatException">A format other than text or json.</exception>
    public static ConfigCheckRequest? FromArgs(IReadOnlyList<string> args, string @switch = Switch)
    {
        var requested = false;
        var json = false;
        var swallowed = false;
        string? unknown = null;   // a format neither text nor json; an error only when the check is asked for
        var check = new List<int>();   // the indexes of the switch and its value, moved last when relaunching
        bool Remember(string format)
        {
            unknown ??= format;
            return false;
        }

        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == @switch)
            {
                requested = true;
                check.Add(i);
                if (i + 1 < args.Count && Format(args[i + 1]) is { } format)
                {
                    json |= format;
                    check.Add(++i);
                }
                else if (i + 1 < args.Count && IsSwitch(args[i + 1]) && !IsFormatSwitch(args[i + 1]))
                {
                    // The host's command line takes "--check-config --contentRoot=DIR" as check-config=--contentRoot=DIR.
                    swallowed = true;
                }
                else if (i + 1 < args.Count && !IsSwitch(args[i + 1]))
                {
                    // "--check-config yaml": the host reads it as the switch's value, so it is one, and not a known one.
                    unknown ??= args[i + 1];
                }
            }
            else if (arg.StartsWith(@switch + "=", StringComparison.Ordinal))
            {
                requested = true;
                check.Add(i);
                json |= Format(arg[(@switch.Length + 1)..]) ?? Remember(arg[(@switch.Length + 1)..]);
            }
            else if (arg == "--format" && i + 1 < args.Count)
            {
                check.Add(i);
                check.Add(i + 1);
                json |= Format(args[++i]) ?? Remember(args[i]);
            }
            else if (arg.StartsWith("--format=", StringComparison.Ordinal))
            {
                check.Add(i);
                json |= Format(arg["--format=".Length..]) ?? Remember(arg["--format=".Length..]);
            }
        }

        if (!requested)
        {
            return null;   // "--format" alone may be the program's own switch
        }

        if (unknown is not null)
        {
            throw new FormatException($"{@switch}: unknown format '{unknown}' (text or json)");
        }

        IReadOnlyList<string>? reordered = swallowed
            ? [.. args.Where((_, i) => !check.Contains(i)), json ? @switch + "=json" : @switch + "=text"]
            : null;
        return new ConfigCheckRequest(json, reordered);
    }

    /// <summary>The request for <paramref name="switch"/> on this process's command line, or null.</summary>
    public static ConfigCheckRequest? FromProcess(string @switch = Switch) => FromArgs(Environment.GetCommandLineArgs().AsSpan(1).ToArray(), @switch);

    /// <summary>True for json, false for text, null for anything else.</summary>
    private static bool? Format(string value) =>
        value.Equals("json", StringComparison.OrdinalIgnoreCase) ? true : value.Equals("text", StringComparison.OrdinalIgnoreCase) ? false : null;

    private static bool IsSwitch(string arg) => arg.StartsWith('-') || arg.StartsWith('/');

    private static bool IsFormatSwitch(string arg) => arg == "--format" || arg.StartsWith("--format=", StringComparison.Ordinal);


}
