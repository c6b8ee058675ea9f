namespace Config.Providers.Core;

/// <summary>
/// Where each key of a file was read. Parsing only appends (cheap); the lookup by key, needed only for an error
/// message or a tool's <c>--explain</c>, is built on first use. When a key is recorded twice, the last one counts,
/// as it does for the value.
/// </summary>
internal sealed class KeyOrigins
{
    private readonly ChunkedList<(string Key, KeyOrigin Origin)> recorded = new();
    private Dictionary<string, KeyOrigin>? byKey;

    /// <summary>Records where <paramref name="key"/> was read.</summary>
    /// <param name="key">The configuration key.</param>
    /// <param name="origin">The position.</param>
    public void Add(string key, KeyOrigin origin)
    {
        recorded.Add((key, origin));
        byKey = null;
    }

    /// <summary>Where <paramref name="key"/> was read, if it was.</summary>
    /// <param name="key">The configuration key (case-insensitive).</param>
    /// <param name="origin">The position.</param>
    /// <returns>True when the key was recorded.</returns>
    public bool TryGet(string key, out KeyOrigin origin)
    {
        var lookup = byKey;
        if (lookup is null)
        {
            lookup = new Dictionary<string, KeyOrigin>(recorded.Count, StringComparer.OrdinalIgnoreCase);
            foreach (var (k, o) in recorded)
            {
                lookup[k] = o;
            }

            byKey = lookup;
        }

        return lookup.TryGetValue(key, out origin);
    }

    /// <summary>Where <paramref name="key"/> was read, formatted for messages.</summary>
    /// <param name="key">The configuration key (case-insensitive).</param>
    /// <param name="origin">Such as <c>yaml config.yaml:3:7</c>.</param>
    /// <returns>True when the key was recorded.</returns>
    public bool TryDescribe(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? origin)
    {
        var found = TryGet(key, out var position);
        origin = found ? position.ToString() : null;
        return found;
    }

    /// <summary>The position of a key known to be recorded.</summary>
    /// <param name="key">The configuration key.</param>
    public KeyOrigin this[string key] => TryGet(key, out var origin) ? origin : throw new KeyNotFoundException(key);
}
