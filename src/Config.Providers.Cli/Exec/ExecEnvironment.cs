using Microsoft.Extensions.Configuration;

namespace Config.Providers.Cli.Exec;

/// <summary>
/// The configuration as environment variables for <c>exec</c>'s child (docs/cli.md#exec): every key with a value,
/// <c>:</c> written <c>__</c> (so a .NET child reads the same keys back), optionally only the keys under a section
/// (named relative to it), upper-cased, or with characters a shell cannot name replaced by <c>_</c>. Pure.
/// </summary>
internal sealed record ExecEnvironment(string? Section, bool Upcase, bool Sanitize)
{
    /// <summary>The variables, and the keys that cannot be variables (a name with <c>=</c>), which are left out.</summary>
    public (SortedDictionary<string, string> Variables, List<string> Refused) Render(IConfiguration configuration)
    {
        var scope = string.IsNullOrEmpty(Section) ? configuration : configuration.GetSection(Section);
        var prefix = string.IsNullOrEmpty(Section) ? string.Empty : Section + ConfigurationPath.KeyDelimiter;
        var variables = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var refused = new List<string>();
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

            variables[name] = value;
        }

        return (variables, refused);
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
