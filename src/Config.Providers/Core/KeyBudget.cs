namespace Config.Providers.Core;

/// <summary>
/// Bounds what a document may produce, whatever its size on disk: each key's length, and the characters of keys and
/// values in all. A long key repeated over a long list (or through YAML aliases, or env interpolation) multiplies
/// memory — a 1 MB file can ask for gigabytes. One budget per document, the same limits for every format that builds
/// keys (YAML, env files, dotCloud's <c>environment.json</c>). A breach is a located <see cref="ConfigurationFormatException"/>.
/// </summary>
/// <param name="path">The document, for messages.</param>
/// <param name="maxKeyLength">The longest key (the whole path).</param>
/// <param name="maxCharacters">The most characters of keys and values in all.</param>
/// <param name="options">Where a reader lets the limits be set, named in messages (<c>YamlParseOptions</c>), or null.</param>
internal sealed class KeyBudget(string path, int maxKeyLength = KeyBudget.DefaultMaxKeyLength, long maxCharacters = KeyBudget.DefaultMaxCharacters, string? options = null)
{
    /// <summary>The default longest key: 4,096 characters.</summary>
    public const int DefaultMaxKeyLength = 4096;

    /// <summary>The default characters of keys and values: 32 Mi, twice what a 16 MiB file holds.</summary>
    public const long DefaultMaxCharacters = 32L * 1024 * 1024;

    private long characters;
    private long expanded;

    private string Setting(string name) => options is null ? string.Empty : $" ({options}.{name})";

    /// <summary>Checks a key about to be built from a prefix of <paramref name="prefixLength"/> characters, ':' and a segment of <paramref name="segmentLength"/>.</summary>
    public void Key(int prefixLength, int segmentLength, int line, int column) => Key(prefixLength + 1 + segmentLength, line, column);

    /// <summary>Checks a whole key of <paramref name="length"/> characters.</summary>
    public void Key(int length, int line, int column)
    {
        if (length > maxKeyLength)
        {
            throw new ConfigurationFormatException(path, line, column, $"a key longer than {maxKeyLength} characters{Setting("MaxKeyLength")}");
        }
    }

    /// <summary>Counts one key and its value.</summary>
    public void Entry(string key, string? value, int line, int column)
    {
        characters += key.Length + (value?.Length ?? 0);
        if (characters > maxCharacters)
        {
            throw new ConfigurationFormatException(path, line, column, $"the document expands to more than {maxCharacters} characters of keys and values{Setting("MaxExpandedCharacters")}; aliases and long keys that multiply are refused");
        }
    }

    /// <summary>
    /// Counts <paramref name="added"/> characters that an expansion (env interpolation) appends, kept or not: the work a
    /// document asks for is bounded like what it produces, so a default word built and thrown away again and again
    /// cannot spin.
    /// </summary>
    public void Expanded(int added, int line, int column)
    {
        expanded += added;
        if (expanded > maxCharacters)
        {
            throw new ConfigurationFormatException(path, line, column, $"interpolation expands this file past {maxCharacters} characters in all");
        }
    }
}
