using Microsoft.Extensions.Configuration;

namespace Config.Providers.Cli.Exec;

/// <summary>
/// The configuration as environment variables for <c>exec</c>'s child (docs/cli.md#exec): every key with a value,
/// <c>:</c> written <c>__</c> (so a .NET child reads the same keys back), optionally only the keys under a section
/// (named relative to it), upper-cased, or with characters a shell cannot name replaced by <c>_</c>. Variables that
/// change how the child is loaded or found (<see cref="IsLoaderVariable"/>) are left out unless allowed: whoever can
/// write a Consul key must not choose the child's libraries or its <c>PATH</c>. Pure.
/// </summary>
internal sealed record ExecEnvironment(string? Section, bool Upcase, bool Sanitize, bool AllowLoaderVariables = false)
{
    private static readonly string[] LoaderNames =
    [
        "PATH", "IFS", "BASH_ENV", "ENV", "DOTNET_STARTUP_HOOKS", "NODE_OPTIONS", "PYTHONPATH", "PYTHONSTARTUP",
        "PERL5LIB", "PERL5OPT", "RUBYOPT", "JAVA_TOOL_OPTIONS",
    ];

    private static readonly string[] LoaderPrefixes = ["LD_", "DYLD_", "CORECLR_", "COR_PROFILER"];

    /// <summary>True for a variable that changes which code the child loads (<c>LD_PRELOAD</c>, <c>PATH</c>, <c>DOTNET_STARTUP_HOOKS</c> …).</summary>
    public static bool IsLoaderVariable(string name) =>
        LoaderNames.Contains(name, StringComparer.Ordinal) || LoaderPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>The variables, the keys that cannot be variables (a name with <c>=</c>), and the loader variables not allowed: both left out.</summary>
    public (SortedDictionary<string, string> Variables, List<string> Refused, List<string> Loader) Render(IConfiguration configuration)
    {
        var scope = string.IsNullOrEmpty(Section) ? configuration : configuration.GetSection(Section);
        var prefix = string.IsNullOrEmpty(Section) ? string.Empty : Section + ConfigurationPath.KeyDelimiter;
        var variables = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var refused = new List<string>();
        var loader = new List<string>();
        foreach (var (key, value) in scope.AsEnumerable())
        {
            if (value is null || (prefix.Length > 0 && !key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var name = Name(key[prefix.Length..]);
            if (name.Length == 0 || name.Contains('=', StringComparison.Ordinal) || name.Contains('\0', StringComparison.Ordinal) || value.Contains('\0', StringComparison.Ordinal))
            {
                refused.Add(key);
                continue;
            }

            if (!AllowLoaderVariables && IsLoaderVariable(name))
            {
                loader.Add(name);
                continue;
            }

            variables[name] = value;
        }

        loader.Sort(StringComparer.Ordinal);
        return (variables, refused, loader);
    }

    private string Name(string key)
    {
        var name = key.Replace(":", "__", StringComparison.Ordinal);
        if (Sanitize)
        {
            name = string.Concat(name.Select((c, i) => char.IsAsciiLetter(c) || c == '_' || (i > 0 && char.IsAsciiDigit(c)) ? c : '_'));
        }

        return Upcase ? name.ToUpperInvariant() : name;
    }
}
