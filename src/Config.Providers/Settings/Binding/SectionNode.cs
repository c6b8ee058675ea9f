namespace Config.Providers.Settings.Binding;

/// <summary>
/// One key of the section being bound, with its effective value (the last provider that has it wins, as in
/// <c>IConfigurationRoot</c>) and the keys below it. <see cref="SectionTree"/> builds the whole section at once, so the
/// binder neither lists children level by level (each listing sorts every key below) nor allocates a section per read.
/// </summary>
internal sealed class SectionNode
{
    // Past this many children a node indexes them, so a section with thousands of dictionary entries builds in linear time.
    private const int IndexFrom = 16;

    private readonly int keyStart;
    private List<SectionNode>? children;
    private Dictionary<string, SectionNode>? index;
    private string? key;

    public SectionNode(string path, int keyStart)
    {
        Path = path;
        this.keyStart = keyStart;
    }

    /// <summary>The full key, as <c>IConfigurationSection.Path</c> would give it.</summary>
    public string Path { get; }

    /// <summary>The last segment of <see cref="Path"/>.</summary>
    public string Key => key ??= Path[keyStart..];

    /// <summary>The last segment of <see cref="Path"/>, without making a string of it.</summary>
    public ReadOnlySpan<char> KeySpan => Path.AsSpan(keyStart);

    /// <summary>The effective value; null when no provider sets this key itself.</summary>
    public string? Value { get; set; }

    /// <summary>The keys one level down, in the order they were first seen.</summary>
    public IReadOnlyList<SectionNode> Children => children is null ? [] : children;

    public int ChildCount => children?.Count ?? 0;

    /// <summary>
    /// The child whose key is <paramref name="fullKey"/> from <paramref name="segmentStart"/> to <paramref name="segmentEnd"/>
    /// (ignoring case, as configuration does), made if absent. When the key up to there is this node's path and the
    /// segment, exactly, the child's path is cut from it (a leaf's is the provider's own string: it costs nothing).
    /// </summary>
    public SectionNode Child(string fullKey, int segmentStart, int segmentEnd)
    {
        var segment = fullKey.AsSpan(segmentStart, segmentEnd - segmentStart);
        if (Find(segment) is { } existing)
        {
            return existing;
        }

        SectionNode child;
        if (Path.Length == 0 ? segmentStart == 0 : segmentStart == Path.Length + 1 && fullKey.AsSpan(0, Path.Length).SequenceEqual(Path))
        {
            child = new SectionNode(segmentEnd == fullKey.Length ? fullKey : fullKey[..segmentEnd], segmentStart);
        }
        else
        {
            // The provider spells the parent differently ("SERVICE:Port" under "Service"): keep the parent's spelling.
            var path = Path.Length == 0 ? segment.ToString() : string.Concat(Path, ":", segment);
            child = new SectionNode(path, path.Length - segment.Length);
        }

        Add(child);
        return child;
    }

    private SectionNode? Find(ReadOnlySpan<char> segment)
    {
        if (index is not null)
        {
            return index.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(segment, out var indexed) ? indexed : null;
        }

        if (children is not null)
        {
            foreach (var child in children)
            {
                if (child.KeySpan.Equals(segment, StringComparison.OrdinalIgnoreCase))
                {
                    return child;
                }
            }
        }

        return null;
    }

    private void Add(SectionNode child)
    {
        (children ??= []).Add(child);
        if (index is not null)
        {
            index[child.Key] = child;
        }
        else if (children.Count == IndexFrom)
        {
            index = new Dictionary<string, SectionNode>(StringComparer.OrdinalIgnoreCase);
            foreach (var each in children)
            {
                index[each.Key] = each;
            }
        }
    }
}
