using Config.Providers.Settings.Binding;
using Config.Providers.Settings.Coercion;
using Microsoft.Extensions.Configuration;

namespace Config.Providers.Discovery;

/// <summary>
/// Reads the settings of one configuration section by name, with the library's coercion rules (durations as
/// <c>30s</c>, booleans as <c>yes</c>/<c>on</c>), remembering each name asked for so that anything else in the section
/// can be reported as unknown. A value that cannot be read is a problem naming the full key and the source that set
/// it (only typed values are ever quoted, and none of them is secret). No reflection: safe under trimming and Native AOT.
/// </summary>
internal sealed class SectionReader(IConfiguration configuration, string sectionPath)
{
    private readonly List<string> problems = [];
    private readonly HashSet<string> known = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> lists = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether the section holds anything at all.</summary>
    public bool Exists => configuration.GetSection(sectionPath).AsEnumerable().Any(p => p.Value is not null);

    /// <summary>Every value that could not be read, and every unknown setting (after <see cref="CheckUnknown"/>).</summary>
    public IReadOnlyList<string> Problems => problems;

    /// <summary>The text at <paramref name="name"/> (trimmed), or null when unset or blank.</summary>
    public string? String(string name)
    {
        known.Add(name);

        return configuration[Full(name)] is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
    }

    /// <summary>A boolean (<c>true</c>/<c>false</c>, <c>yes</c>/<c>no</c>, <c>on</c>/<c>off</c>, <c>1</c>/<c>0</c>), or null.</summary>
    public bool? Bool(string name) => Convert<bool>(name);

    /// <summary>A duration (<c>30s</c>, <c>1h30m</c>, <c>00:00:30</c>, <c>PT30S</c>), or null.</summary>
    public TimeSpan? Duration(string name) => Convert<TimeSpan>(name);

    /// <summary>One of <paramref name="choices"/> by name (case-insensitive), or null.</summary>
    public T? Choice<T>(string name, IReadOnlyDictionary<string, T> choices)
        where T : struct
    {
        if (String(name) is not { } text)
        {
            return null;
        }

        if (choices.TryGetValue(text, out var value))
        {
            return value;
        }

        Problem(name, $"'{text}' is not one of {string.Join(", ", choices.Keys)}");
        return null;
    }

    /// <summary>
    /// A list, written either as children (<c>Name:0</c>, <c>Name:1</c>, as JSON arrays and <c>Name__0</c> variables
    /// give) in index order, or as one comma-separated value; null when neither is set.
    /// </summary>
    public IReadOnlyList<string>? List(string name)
    {
        known.Add(name);
        lists.Add(name);
        var section = configuration.GetSection(Full(name));
        var children = section.GetChildren().Where(c => c.Value is not null).ToList();
        if (children.Count > 0)
        {
            var items = new List<(int Index, string Value)>();
            foreach (var child in children)
            {
                if (int.TryParse(child.Key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index))
                {
                    items.Add((index, child.Value!.Trim()));
                }
                else
                {
                    Problem($"{name}:{child.Key}", "a list takes items numbered 0, 1, 2 … (a JSON array), not names");
                }
            }

            return [.. items.OrderBy(i => i.Index).Select(i => i.Value).Where(v => v.Length > 0)];
        }

        return section.Value is { } text && !string.IsNullOrWhiteSpace(text)
            ? text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : null;
    }

    /// <summary>Adds a problem with the setting at <paramref name="name"/> (its full key and where it was set).</summary>
    public void Problem(string name, string reason) => problems.Add($"{Full(name)} ({Where(Full(name))}): {reason}");

    /// <summary>Lists every setting in the section that was never asked for: a misspelt name is an error, not silence.</summary>
    public void CheckUnknown()
    {
        var prefix = sectionPath + ConfigurationPath.KeyDelimiter;
        foreach (var (key, value) in configuration.GetSection(sectionPath).AsEnumerable())
        {
            if (value is null || !key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var name = key[prefix.Length..];
            if (!known.Contains(name) && !lists.Any(list => name.StartsWith(list + ConfigurationPath.KeyDelimiter, StringComparison.OrdinalIgnoreCase)))
            {
                var suggestion = KeySuggester.Suggest(name, known.Concat(lists));
                problems.Add($"{key} ({Where(key)}): unknown setting{(suggestion is null ? string.Empty : $" (did you mean '{sectionPath}:{suggestion}'?)")}");
            }
        }
    }

    private T? Convert<T>(string name)
        where T : struct
    {
        if (String(name) is not { } text)
        {
            return null;
        }

        var converter = ScalarConverters.For(typeof(T))!;
        if (converter.TryConvert(text, out var value, out var reason))
        {
            return (T)value!;
        }

        Problem(name, $"'{text}' is not a valid {converter.TypeName}: {reason}");
        return null;
    }

    private string Full(string name) => sectionPath + ConfigurationPath.KeyDelimiter + name;

    /// <summary>The source that set <paramref name="key"/> (the last provider holding it), with a line when it knows one.</summary>
    private string Where(string key)
    {
        if (configuration is not IConfigurationRoot root)
        {
            return "configuration";
        }

        foreach (var provider in root.Providers.Reverse())
        {
            if (provider.TryGet(key, out _))
            {
                return provider is IConfigurationOrigins origins && origins.TryGetOrigin(key, out var origin) ? origin : provider.ToString() ?? provider.GetType().Name;
            }
        }

        return "configuration";
    }
}
