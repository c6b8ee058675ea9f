using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Config.Providers.Yaml;

/// <summary>
/// Reads YamlDotNet's events into a <see cref="YamlNode"/> tree, enforcing what configuration needs: one
/// document, scalar keys, no duplicate keys (ignoring case, as configuration does), bounded depth, known tags only,
/// and aliases that do not refer to a node containing them.
/// </summary>
internal sealed class YamlDocumentReader
{
    private const string YamlTagPrefix = "tag:yaml.org,2002:";

    // Standard tags, and the string tags Python's YAML dumper writes: all read as the node's own text or structure.
    private static readonly HashSet<string> KnownTags = new(StringComparer.Ordinal)
    {
        "str", "int", "float", "bool", "null", "timestamp", "binary", "map", "seq", "omap", "set", "merge", "value",
        "python/str", "python/unicode",
    };

    private readonly IParser parser;
    private readonly string path;
    private readonly YamlParseOptions options;
    private readonly Dictionary<string, YamlNode> anchors = new(StringComparer.Ordinal);
    private int depth;

    /// <summary>The end of the last event read: where to point when the YAML reader itself fails.</summary>
    public Mark LastPosition { get; private set; } = Mark.Empty;

    public YamlDocumentReader(string text, string path, YamlParseOptions options)
    {
        parser = new Parser(new StringReader(text));
        this.path = path;
        this.options = options;
    }

    /// <summary>The document's root, or null for an empty file.</summary>
    public YamlNode? Read()
    {
        parser.Consume<StreamStart>();
        if (parser.TryConsume<StreamEnd>(out _))
        {
            return null;
        }

        parser.Consume<DocumentStart>();
        var root = ReadNode();
        parser.Consume<DocumentEnd>();
        if (parser.Accept<DocumentStart>(out var second))
        {
            throw Error(second.Start, "a configuration file holds one YAML document; found a second '---'");
        }

        parser.Consume<StreamEnd>();
        return root;
    }

    private YamlNode ReadNode()
    {
        var current = parser.Current ?? throw Error(LastPosition, "unexpected end of the document");
        LastPosition = current.End;
        switch (current)
        {
            case AnchorAlias alias:
                parser.MoveNext();
                if (!anchors.TryGetValue(alias.Value.Value, out var target))
                {
                    throw Error(alias.Start, $"alias '*{alias.Value.Value}' refers to no anchor defined before it");
                }

                if (!target.Complete)
                {
                    throw Error(alias.Start, $"alias '*{alias.Value.Value}' refers to a node that contains it; recursive structures are not configuration");
                }

                return target;

            case Scalar scalar:
                parser.MoveNext();
                CheckTag(scalar);
                var isNull = scalar.Tag.IsEmpty || scalar.Tag.IsNonSpecific
                    ? scalar.Style == ScalarStyle.Plain && scalar.Value is "" or "~" or "null" or "Null" or "NULL"
                    : scalar.Tag.Value == YamlTagPrefix + "null";
                var node = new YamlScalarNode(scalar.Start, isNull ? null : scalar.Value, scalar.Style == ScalarStyle.Plain) { Complete = true };
                Register(scalar, node);
                return node;

            case SequenceStart start:
                parser.MoveNext();
                CheckTag(start);
                var sequence = new YamlSequenceNode(start.Start);
                Register(start, sequence);
                Enter(start.Start);
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    sequence.Items.Add(ReadNode());
                }

                depth--;
                sequence.Complete = true;
                return sequence;

            case MappingStart start:
                parser.MoveNext();
                CheckTag(start);
                var mapping = new YamlMappingNode(start.Start);
                Register(start, mapping);
                Enter(start.Start);
                var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    var keyNode = ReadNode();
                    if (keyNode is not YamlScalarNode key || key.Value is null)
                    {
                        throw Error(keyNode.Start, "mapping keys must be non-null scalars");
                    }

                    var value = ReadNode();
                    if (key.Plain && key.Value == "<<")
                    {
                        mapping.Merges.Add((key.Start, value));
                        continue;
                    }

                    if (!keys.Add(key.Value))
                    {
                        throw Error(key.Start, $"duplicate key '{key.Value}' (keys compare ignoring case in configuration)");
                    }

                    mapping.Entries.Add((key, value));
                }

                depth--;
                mapping.Complete = true;
                return mapping;

            default:
                throw Error(current.Start, $"unexpected {current.GetType().Name}");
        }
    }

    private void Enter(Mark at)
    {
        if (++depth > options.MaxDepth)
        {
            throw Error(at, $"nesting deeper than {options.MaxDepth} levels (YamlParseOptions.MaxDepth)");
        }
    }

    private void Register(NodeEvent node, YamlNode value)
    {
        if (!node.Anchor.IsEmpty)
        {
            anchors[node.Anchor.Value] = value;
        }
    }

    private void CheckTag(NodeEvent node)
    {
        if (node.Tag.IsEmpty || node.Tag.IsNonSpecific)
        {
            return;
        }

        var tag = node.Tag.Value;
        if (!tag.StartsWith(YamlTagPrefix, StringComparison.Ordinal) || !KnownTags.Contains(tag[YamlTagPrefix.Length..]))
        {
            var shown = tag.StartsWith(YamlTagPrefix, StringComparison.Ordinal) ? "!!" + tag[YamlTagPrefix.Length..] : tag;
            throw Error(node.Start, $"unsupported tag '{shown}': only YAML's standard tags and !!python/str are read, and tags never run anything");
        }
    }

    private ConfigurationFormatException Error(Mark at, string reason) => new(path, (int)Math.Max(1, at.Line), (int)Math.Max(1, at.Column), reason);
}
