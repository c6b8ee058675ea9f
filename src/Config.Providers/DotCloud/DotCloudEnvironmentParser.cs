using System.Globalization;
using System.Text;
using System.Text.Json;
using Config.Providers.Core;
using Config.Providers.Formats.Yaml;

namespace Config.Providers.DotCloud;

/// <summary>
/// Reads dotCloud's <c>environment.json</c> (see docs/providers/dotcloud.md): every key as is, numbers as invariant
/// strings, plus the service endpoints that <c>DOTCLOUD_{SERVICE}_{PORT}_{FIELD}[_{n}]</c> keys describe. Pure: no I/O.
/// </summary>
internal static class DotCloudEnvironmentParser
{
    /// <summary>Parses <paramref name="text"/>, the content of <paramref name="path"/>.</summary>
    /// <param name="text">The JSON text.</param>
    /// <param name="path">The file name used in messages and origins.</param>
    /// <returns>Keys, values and origins.</returns>
    /// <exception cref="ConfigurationFormatException">The text is not a JSON object, or repeats a key.</exception>
    public static ParsedFile Parse(string text, string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = Encoding.UTF8.GetBytes(text);
        var lines = new LineIndex(bytes);
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var origins = new KeyOrigins();
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 32 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                var (line, column) = lines.Position(reader.TokenStartIndex);
                throw new ConfigurationFormatException(path, line, column, "expected a JSON object at the top of the file");
            }

            ReadObject(ref reader, prefix: null, data, origins, new Context(lines, "dotcloud " + path, path, new KeyBudget(path)));

            // The reader rejects anything but white space after the top-level value.
            reader.Read();
        }
        catch (JsonException e)
        {
            throw new ConfigurationFormatException(path, (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1, "invalid JSON: " + Describe(e));
        }

        var warnings = new List<string>();
        DotCloudEndpoints.Project(data, origins, path, warnings);
        return new ParsedFile(data, origins, warnings);
    }

    /// <summary>dotCloud writes the same content as YAML next to the JSON (<c>environment.yml</c>).</summary>
    /// <param name="path">The file name.</param>
    /// <returns>Whether the file is read as YAML.</returns>
    public static bool IsYaml(string path) =>
        path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses <c>environment.yml</c>: the YAML reader's keys, then the same service endpoints.</summary>
    /// <param name="text">The YAML text.</param>
    /// <param name="path">The file name used in messages and origins.</param>
    /// <returns>Keys, values and origins.</returns>
    public static ParsedFile ParseYaml(string text, string path)
    {
        var parsed = YamlConfigurationParser.ParseDocument(text, path);
        var data = new Dictionary<string, string?>(parsed.Data, StringComparer.OrdinalIgnoreCase);
        var warnings = new List<string>(parsed.Warnings);
        DotCloudEndpoints.Project(data, parsed.Origins, path, warnings);
        return new ParsedFile(data, parsed.Origins, warnings);
    }

    /// <summary>What every level of the document shares: positions, the origin's name, the path and the budget.</summary>
    private sealed record Context(LineIndex Lines, string Source, string Path, KeyBudget Budget);

    private static void ReadObject(ref Utf8JsonReader reader, string? prefix, Dictionary<string, string?> data, KeyOrigins origins, Context context)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var (line, column) = context.Lines.Position(reader.TokenStartIndex);
            var name = ReadString(ref reader, context.Lines, context.Path);
            if (!seen.Add(name))
            {
                throw new ConfigurationFormatException(context.Path, line, column, $"duplicate key '{name}'");
            }

            if (prefix is null)
            {
                context.Budget.Key(name.Length, line, column);
            }
            else
            {
                context.Budget.Key(prefix.Length, name.Length, line, column);
            }
            var key = prefix is null ? name : ConfigurationKeys.Join(prefix, name);
            reader.Read();
            ReadValue(ref reader, key, line, data, origins, context);
        }
    }

    private static void ReadValue(ref Utf8JsonReader reader, string key, int line, Dictionary<string, string?> data, KeyOrigins origins, Context context)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                ReadObject(ref reader, key, data, origins, context);
                return;
            case JsonTokenType.StartArray:
                var index = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    var (itemLine, itemColumn) = context.Lines.Position(reader.TokenStartIndex);
                    var segment = index.ToString(CultureInfo.InvariantCulture);
                    context.Budget.Key(key.Length, segment.Length, itemLine, itemColumn);
                    ReadValue(ref reader, ConfigurationKeys.Join(key, segment), itemLine, data, origins, context);
                    index++;
                }

                return;
            case JsonTokenType.String:
                Set(ReadString(ref reader, context.Lines, context.Path));
                return;
            case JsonTokenType.Number:
                // As written: JSON numbers are already invariant text (22, 1.5, 1e3).
                Set(Encoding.UTF8.GetString(reader.ValueSpan));
                return;
            case JsonTokenType.True or JsonTokenType.False:
                Set(reader.GetBoolean() ? "true" : "false");
                return;
            default:
                Set(null);
                return;
        }

        void Set(string? value)
        {
            context.Budget.Entry(key, value, line, 1);
            data[key] = value;
            origins.Add(key, new KeyOrigin(context.Source, line));
        }
    }

    /// <summary>
    /// A string token as text. JSON may escape half a UTF-16 pair (<c>"\uD800"</c>), which is no text: the reader
    /// refuses it with an InvalidOperationException and no position; here it is a located error, never quoting the value.
    /// </summary>
    private static string ReadString(ref Utf8JsonReader reader, LineIndex lines, string path)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            var (line, column) = lines.Position(reader.TokenStartIndex);
            throw new ConfigurationFormatException(path, line, column, "a string that is not valid text (an escaped lone UTF-16 surrogate such as \\uD800)");
        }
    }

    /// <summary>The reader's message without any quoted token (it may be part of a secret).</summary>
    private static string Describe(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        message = cut > 0 ? message[..cut] : message;
        return message.Contains('\'') ? "unexpected character or token" : message.TrimEnd('.');
    }

    /// <summary>Turns byte offsets into 1-based line and column.</summary>
    private sealed class LineIndex
    {
        private readonly List<int> starts = [0];

        public LineIndex(byte[] bytes)
        {
            for (var i = 0; i < bytes.Length; i++)
            {
                if (bytes[i] == (byte)'\n')
                {
                    starts.Add(i + 1);
                }
            }
        }

        public (int Line, int Column) Position(long offset)
        {
            var index = starts.BinarySearch((int)offset);
            if (index < 0)
            {
                index = ~index - 1;
            }

            return (index + 1, (int)offset - starts[index] + 1);
        }
    }
}
