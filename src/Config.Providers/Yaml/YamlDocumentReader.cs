using Config.Providers.Core;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Config.Providers.Yaml;

/// <summary>
/// Reads YamlDotNet's events into configuration keys, enforcing what configuration needs: one document, scalar
/// keys, no duplicate keys (ignoring case, as configuration does), bounded depth, known tags only, and aliases that
/// do not refer to a node containing them. Values stream straight into the <see cref="YamlKeySink"/>; only anchored
/// nodes and merge sources, which may be needed again, are kept as <see cref="YamlNode"/> trees.
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
    private readonly YamlKeySink sink;
    private readonly Stack<HashSet<string>> keySets = new();
    private int depth;

    /// <summary>The end of the last event read: where to point when the YAML reader itself fails.</summary>
    public Mark LastPosition { get; private set; } = Mark.Empty;

    public YamlDocumentReader(string text, string path, YamlParseOptions options, YamlKeySink sink)
    {
        parser = new Parser(new StringReader(text));
        this.path = path;
        this.options = options;
        this.sink = sink;
    }

    /// <summary>Reads the document (if any) into the sink.</summary>
    public void ReadDocument()
    {
        parser.Consume<StreamStart>();
        if (parser.TryConsume<StreamEnd>(out _))
        {
            return;
        }

        parser.Consume<DocumentStart>();
        var top = parser.Current;
        if (top is MappingStart { Anchor.IsEmpty: true } mappingStart)
        {
            StreamMapping(mappingStart, string.Empty);
        }
        else
        {
            var root = ReadNode();
            if (root is YamlMappingNode mapping)
            {
                sink.Flatten(mapping, string.Empty);
            }
            else if (root is not YamlScalarNode { Value: null })
            {
                throw Error(root.Start, "the top of a configuration file must be a mapping (key: value)");
            }
        }

        parser.Consume<DocumentEnd>();
        if (parser.Accept<DocumentStart>(out var second))
        {
            throw Error(second.Start, "a configuration file holds one YAML document; found a second '---'");
        }

        parser.Consume<StreamEnd>();
    }

    /// <summary>Streams the value at the current event into keys under <paramref name="prefix"/>.</summary>
    private void StreamValue(string prefix)
    {
        var current = parser.Current ?? throw Error(LastPosition, "unexpected end of the document");
        if (current is AnchorAlias || (current is NodeEvent { Anchor.IsEmpty: false }))
        {
            // May be needed again (or is a reuse): keep it as a tree.
            sink.Flatten(ReadNode(), prefix);
            return;
        }

        LastPosition = current.End;
        switch (current)
        {
            case Scalar scalar:
                parser.MoveNext();
                CheckTag(scalar);
                sink.Visit(scalar.Start);
                sink.Set(prefix, IsNull(scalar) ? null : scalar.Value, scalar.Start);
                break;

            case SequenceStart start:
                parser.MoveNext();
                CheckTag(start);
                sink.Visit(start.Start);
                Enter(start.Start);
                var index = 0;
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    StreamValue(YamlKeySink.Join(prefix, index.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                    index++;
                }

                if (index == 0)
                {
                    sink.Set(prefix, string.Empty, start.Start);
                }

                depth--;
                break;

            case MappingStart start:
                StreamMapping(start, prefix);
                break;

            default:
                throw Error(current.Start, $"unexpected {current.GetType().Name}");
        }
    }

    private void StreamMapping(MappingStart start, string prefix)
    {
        parser.MoveNext();
        CheckTag(start);
        sink.Visit(start.Start);
        Enter(start.Start);
        var keys = keySets.Count > 0 ? keySets.Pop() : new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        List<(Mark At, YamlNode Value)>? merges = null;
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var (key, keyStart, plain) = ReadKey();
            if (plain && key == "<<")
            {
                (merges ??= []).Add((keyStart, ReadNode()));
                continue;
            }

            if (!keys.Add(key))
            {
                throw Error(keyStart, $"duplicate key '{key}' (keys compare ignoring case in configuration)");
            }

            StreamValue(YamlKeySink.Join(prefix, key));
        }

        if (merges is not null)
        {
            sink.Merge(prefix, keys, merges);
        }

        if (keys.Count == 0 && prefix.Length > 0)
        {
            sink.Set(prefix, string.Empty, start.Start);
        }

        keys.Clear();
        keySets.Push(keys);
        depth--;
    }

    private (string Key, Mark Start, bool Plain) ReadKey()
    {
        YamlScalarNode? key;
        if (parser.Current is Scalar { Anchor.IsEmpty: true } scalar)
        {
            parser.MoveNext();
            LastPosition = scalar.End;
            CheckTag(scalar);
            key = IsNull(scalar) ? null : new YamlScalarNode(scalar.Start, scalar.Value, scalar.Style == ScalarStyle.Plain);
            if (key is null)
            {
                throw Error(scalar.Start, "mapping keys must be non-null scalars");
            }
        }
        else
        {
            var node = ReadNode();
            key = node as YamlScalarNode;
            if (key?.Value is null)
            {
                throw Error(node.Start, "mapping keys must be non-null scalars");
            }
        }

        return (key.Value!, key.Start, key.Plain);
    }

    private static bool IsNull(Scalar scalar) => scalar.Tag.IsEmpty || scalar.Tag.IsNonSpecific
        ? scalar.Style == ScalarStyle.Plain && scalar.Value is "" or "~" or "null" or "Null" or "NULL"
        : scalar.Tag.Value == YamlTagPrefix + "null";

    /// <summary>Reads the node at the current event as a tree (for anchors, aliases and merge sources).</summary>
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
                var node = new YamlScalarNode(scalar.Start, IsNull(scalar) ? null : scalar.Value, scalar.Style == ScalarStyle.Plain) { Complete = true };
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
