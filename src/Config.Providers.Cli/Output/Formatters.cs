using System.Text;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Config.Providers.Cli.Output;

/// <summary>Writes flattened configuration as a table, JSON, YAML or an env file.</summary>
internal static class Formatters
{
    public static readonly string[] Names = ["table", "json", "yaml", "env"];

    public static void Write(string format, IReadOnlyList<FlatEntry> entries, bool explain, TextWriter output)
    {
        switch (format)
        {
            case "table":
                Table(entries, explain, output);
                break;
            case "json":
                Json(entries, explain, output);
                break;
            case "yaml":
                Yaml(entries, output);
                break;
            case "env":
                EnvFileWriter.Write(entries, "compose", output);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, null);
        }
    }

    private static void Table(IReadOnlyList<FlatEntry> entries, bool explain, TextWriter output)
    {
        string Show(string? value) => value is null ? "(null)" : value.Replace("\n", "\\n", StringComparison.Ordinal);
        var keyWidth = Math.Max(3, entries.Count == 0 ? 0 : entries.Max(e => e.Key.Length));
        var valueWidth = Math.Min(60, Math.Max(5, entries.Count == 0 ? 0 : entries.Max(e => Show(e.Value).Length)));
        output.WriteLine(explain ? $"{"KEY".PadRight(keyWidth)}  {"VALUE".PadRight(valueWidth)}  SOURCE" : $"{"KEY".PadRight(keyWidth)}  VALUE");
        foreach (var entry in entries)
        {
            var value = Show(entry.Value);
            output.WriteLine(explain ? $"{entry.Key.PadRight(keyWidth)}  {value.PadRight(valueWidth)}  {entry.Source}" : $"{entry.Key.PadRight(keyWidth)}  {value}");
        }
    }

    private static void Json(IReadOnlyList<FlatEntry> entries, bool explain, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            foreach (var entry in entries)
            {
                if (explain)
                {
                    json.WriteStartObject(entry.Key);
                    json.WriteString("value", entry.Value);
                    json.WriteString("source", entry.Source);
                    json.WriteEndObject();
                }
                else
                {
                    json.WriteString(entry.Key, entry.Value);
                }
            }

            json.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }

    /// <summary>Nested mappings with quoted values, so <c>AddYamlFile</c> reads back exactly these keys.</summary>
    private static void Yaml(IReadOnlyList<FlatEntry> entries, TextWriter output)
    {
        var root = new Node();
        foreach (var entry in entries)
        {
            var node = root;
            foreach (var segment in entry.Key.Split(':'))
            {
                node = node.Children.TryGetValue(segment, out var child) ? child : node.Children[segment] = new Node();
            }

            node.Value = entry.Value;
            node.HasValue = true;
        }

        var emitter = new Emitter(output);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart());
        EmitMapping(emitter, root);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
    }

    private static void EmitMapping(Emitter emitter, Node node)
    {
        emitter.Emit(new MappingStart());
        foreach (var (key, child) in node.Children)
        {
            if (child.HasValue && child.Children.Count > 0)
            {
                throw new InvalidOperationException($"'{key}' has both a value and child keys; YAML cannot hold both");
            }

            emitter.Emit(new Scalar(null, null, key, ScalarStyle.DoubleQuoted, true, true));
            if (child.Children.Count > 0)
            {
                EmitMapping(emitter, child);
            }
            else if (child.Value is null)
            {
                emitter.Emit(new Scalar(null, null, "~", ScalarStyle.Plain, true, false));
            }
            else
            {
                emitter.Emit(new Scalar(null, null, child.Value, ScalarStyle.DoubleQuoted, true, true));
            }
        }

        emitter.Emit(new MappingEnd());
    }

    private sealed class Node
    {
        public SortedDictionary<string, Node> Children { get; } = new(StringComparer.OrdinalIgnoreCase);

        public string? Value { get; set; }

        public bool HasValue { get; set; }
    }
}
