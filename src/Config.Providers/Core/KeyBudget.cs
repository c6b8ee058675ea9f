namespace Config.Providers.Core;

/// <summary>
/// Bounds what a document may produce, whatever its size on disk: each key's length, and the characters of keys and
/// values in all. A long key repeated over a long list (or through aliases) multiplies memory by the list's length —
/// a 1 MB file can ask for gigabytes. A breach is a located <see cref="ConfigurationFormatException"/>.
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

    private string Setting(string name) => options is null ? string.Empty : $" ({options}.{name})";

    /// <summary>Checks a key about to be built from <paramref name="prefixLength"/> and <paramref name="segmentLength"/> characters.</summary>
    public void Key(int prefixLength, int segmentLength, int line, int column)
    {
        if (prefixLength + 1 + segmentLength > maxKeyLength)
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
}
