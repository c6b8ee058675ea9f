using Config.Providers.Core;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Config.Providers.Formats.Yaml;

/// <summary>
/// Reads YamlDotNet's events into configuration keys, enforcing what configuration needs: one document, scalar
/// keys, no duplicate keys (ignoring case, as configuration does), bounded depth, known tags only, and aliases that
/// do not refer to a node containing them. Every node is walked by one method, <see cref="ReadNode"/>, into an
/// <see cref="IYamlNodeTarget"/>: values stream straight into the <see cref="YamlKeySink"/>; anchored nodes and merge
/// sources, which may be needed again, are also kept as <see cref="YamlNode"/> trees and replayed where used.
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
    private readonly string text;
    private readonly string path;
    private readonly YamlReadOptions options;
    private readonly Dictionary<string, YamlNode> anchors = new(StringComparer.Ordinal);
    private readonly YamlKeySink sink;
    private readonly Stack<HashSet<string>> keySets = new();
    private int depth;

    /// <summary>The end of the last event read: where to point when the YAML reader itself fails.</summary>
    public Mark LastPosition { get; private set; } = Mark.Empty;

    public YamlDocumentReader(string text, string path, YamlReadOptions options, YamlKeySink sink)
    {
        // Most configuration files are plain block YAML, read without starting YamlDotNet's scanner; the rest by it.
        parser = BlockYamlParser.TryRead(text) ?? new Parser(new StringReader(text));
        this.text = text;
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

        var start = parser.Consume<DocumentStart>();
        CheckVersionDirective(start);
        if (parser.Current is Scalar top)
        {
            parser.MoveNext();
            CheckTag(top);
            if (!IsNull(top))
            {
                throw Error(top.Start, TopMustBeMapping);
            }
        }
        else if (parser.Current is SequenceStart sequence)
        {
            throw Error(sequence.Start, TopMustBeMapping);
        }
        else
        {
            ReadNode(sink, top: true);
        }

        parser.Consume<DocumentEnd>();
        if (parser.Accept<DocumentStart>(out var second))
        {
            throw Error(second.Start, "a configuration file holds one YAML document; found a second '---'");
        }

        parser.Consume<StreamEnd>();
    }

    /// <summary>
    /// YamlDotNet reads <c>%YAML 1.1#...</c> as version 1.1; YAML wants white space before a comment (yaml-test-suite
    /// MUS6-00). Only the <c>%YAML</c> directive is checked: a <c>%TAG</c> prefix is a URI, where '#' belongs.
    /// </summary>
    private void CheckVersionDirective(DocumentStart start)
    {
        if (start.IsImplicit)
        {
            return;
        }

        // The directives are the lines before the first '---' (YamlDotNet's DocumentStart mark covers them too).
        var line = 0;
        foreach (var row in text.AsSpan().EnumerateLines())
        {
            line++;
            if (row.StartsWith("---", StringComparison.Ordinal))
            {
                return;
            }

            if (!row.StartsWith("%YAML", StringComparison.Ordinal) || row.Length == 5 || row[5] is not (' ' or '\t'))
            {
                continue;   // %YAMLL and other reserved directives are ignored, as YAML says
            }

            var rest = row[5..].TrimStart(" \t");
            var version = 0;
            while (version < rest.Length && (char.IsAsciiDigit(rest[version]) || rest[version] == '.'))
            {
                version++;
            }

            if (version < rest.Length && rest[version] is not (' ' or '\t'))
            {
                var column = row.Length - rest.Length + version + 1;
                throw new ConfigurationFormatException(path, line, column, "the %YAML directive's version must be followed by white space or the end of the line ('#' starts a comment only after white space)");
            }
        }
    }

    private const string TopMustBeMapping = "the top of a configuration file must be a mapping (key: value)";

    /// <summary>Reads the node at the current event into <paramref name="target"/>.</summary>
    private void ReadNode(IYamlNodeTarget target, bool top = false)
    {
        var current = parser.Current ?? throw Error(LastPosition, "unexpected end of the document");
        LastPosition = current.End;
        if (current is AnchorAlias alias)
        {
            parser.MoveNext();
            var reused = Resolve(alias);
            if (top)
            {
                throw Error(alias.Start, TopMustBeMapping);
            }

            target.Reuse(reused);
            return;
        }

        if (current is NodeEvent { Anchor.IsEmpty: false } anchored)
        {
            // Kept for its aliases while it streams; registered as soon as it exists, complete only at its end.
            var name = anchored.Anchor.Value;
            target = new YamlTargetPair(target, new YamlTreeBuilder(node => anchors[name] = node));
        }

        switch (current)
        {
            case Scalar scalar:
                parser.MoveNext();
                CheckTag(scalar);
                if (top && !IsNull(scalar))
                {
                    throw Error(scalar.Start, TopMustBeMapping);
                }

                target.Scalar(scalar.Start, IsNull(scalar) ? null : scalar.Value, scalar.Style == ScalarStyle.Plain);
                break;

            case SequenceStart start when !top:
                ReadSequence(start, target);
                break;

            case MappingStart start:
                ReadMapping(start, target);
                break;

            default:
                throw Error(current.Start, top ? TopMustBeMapping : $"unexpected {current.GetType().Name}");
        }
    }

    private void ReadSequence(SequenceStart start, IYamlNodeTarget target)
    {
        parser.MoveNext();
        CheckTag(start);
        target.BeginSequence(start.Start);
        Enter(start.Start);
        var index = 0;
        while (!parser.TryConsume<SequenceEnd>(out _))
        {
            target.BeginItem(index);
            ReadNode(target);
            target.EndItem();
            index++;
        }

        depth--;
        target.EndSequence(start.Start, index);
    }

    private void ReadMapping(MappingStart start, IYamlNodeTarget target)
    {
        parser.MoveNext();
        CheckTag(start);
        target.BeginMapping(start.Start);
        Enter(start.Start);
        var keys = keySets.Count > 0 ? keySets.Pop() : new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        List<(Mark At, YamlNode Value)>? merges = null;
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var (key, keyStart, plain) = ReadKey();
            if (plain && key == "<<")
            {
                (merges ??= []).Add((keyStart, Keep()));
                continue;
            }

            if (!keys.Add(key))
            {
                throw Error(keyStart, $"duplicate key '{key}' (keys compare ignoring case in configuration)");
            }

            target.BeginEntry(key);
            ReadNode(target);
            target.EndEntry();
        }

        if (merges is not null)
        {
            Merge(merges, keys, target);
        }

        var count = keys.Count;
        keys.Clear();
        keySets.Push(keys);
        depth--;
        target.EndMapping(start.Start, count);
    }

    /// <summary>Adds the entries of merge sources that the mapping does not set itself; earlier sources win.</summary>
    private void Merge(List<(Mark At, YamlNode Value)> merges, HashSet<string> present, IYamlNodeTarget target)
    {
        foreach (var (at, merge) in merges)
        {
            var sources = merge switch
            {
                YamlMappingNode single => [single],
                YamlSequenceNode many when many.Items.All(i => i is YamlMappingNode) => many.Items.Cast<YamlMappingNode>().ToList(),
                _ => throw Error(at, "a merge key '<<' takes a mapping or a list of mappings"),
            };

            foreach (var source in sources)
            {
                foreach (var (key, value) in source.Entries)
                {
                    if (present.Add(key))
                    {
                        target.BeginEntry(key);
                        target.Reuse(value);
                        target.EndEntry();
                    }
                }
            }
        }
    }

    private (string Key, Mark Start, bool Plain) ReadKey()
    {
        if (parser.Current is Scalar { Anchor.IsEmpty: true } scalar)
        {
            parser.MoveNext();
            LastPosition = scalar.End;
            CheckTag(scalar);
            if (IsNull(scalar))
            {
                throw Error(scalar.Start, "mapping keys must be non-null scalars");
            }

            return (scalar.Value, scalar.Start, scalar.Style == ScalarStyle.Plain);
        }

        var node = Keep();
        if (node is not YamlScalarNode { Value: { } key } keyNode)
        {
            throw Error(node.Start, "mapping keys must be non-null scalars");
        }

        return (key, keyNode.Start, keyNode.Plain);
    }

    /// <summary>Reads the node at the current event as a tree only (a merge source, or a key that is not plain).</summary>
    private YamlNode Keep()
    {
        var builder = new YamlTreeBuilder();
        ReadNode(builder);
        return builder.Root!;
    }

    private YamlNode Resolve(AnchorAlias alias)
    {
        if (!anchors.TryGetValue(alias.Value.Value, out var target))
        {
            // The name is not quoted: "password: *S3cret" reads a password as an alias, and this message would print it.
            throw Error(alias.Start, "an alias ('*' and a name, not shown) refers to no anchor defined before it; a value starting with '*' is read as an alias: quote the value if it is text");
        }

        if (!target.Complete)
        {
            throw Error(alias.Start, $"alias '*{alias.Value.Value}' refers to a node that contains it; recursive structures are not configuration");
        }

        return target;
    }

    private static bool IsNull(Scalar scalar) => scalar.Tag.IsEmpty || scalar.Tag.IsNonSpecific
        ? scalar.Style == ScalarStyle.Plain && scalar.Value is "" or "~" or "null" or "Null" or "NULL"
        : scalar.Tag.Value == YamlTagPrefix + "null";

    private void Enter(Mark at)
    {
        if (++depth > options.MaxDepth)
        {
            throw Error(at, $"nesting deeper than {options.MaxDepth} levels (YamlParseOptions.MaxDepth)");
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
            // A global tag (!!python/object…, tag:example.com,2002:x) is shown: it is what an attack or a tool wrote. A local
            // one (!name) is not: "password: !S3cret" reads a password as a tag, and this message would print it.
            var shown = tag.StartsWith(YamlTagPrefix, StringComparison.Ordinal) ? "'!!" + tag[YamlTagPrefix.Length..] + "'"
                : tag.StartsWith('!') ? "('!' and a name, not shown: a value starting with '!' is read as a tag; quote the value if it is text)"
                : "'" + tag + "'";
            throw Error(node.Start, $"unsupported tag {shown}: only YAML's standard tags and !!python/str are read, and tags never run anything");
        }
    }

    private ConfigurationFormatException Error(Mark at, string reason) => new(path, (int)Math.Max(1, at.Line), (int)Math.Max(1, at.Column), reason);
}
