using Config.Providers.Core;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Config.Providers.Formats.Yaml;

/// <summary>
/// The block structure of a file for <see cref="BlockYamlParser"/>: lines, indentation, mappings and sequences, keys, and
/// the value after a key or '-' (read by <see cref="OneLineValues"/>). <see cref="Read"/> returns false at the first
/// thing it leaves to YamlDotNet's parser.
/// </summary>
internal sealed class BlockYamlReader
{
    private readonly string text;
    private readonly Stack<Open> open = new();
    private readonly OneLineValues values;
    private int line;

    // A key or item with nothing after it: its value is the block on the lines below, or null.
    private Open? pendingOwner;
    private Mark pendingAt;

    public BlockYamlReader(string text)
    {
        this.text = text;
        values = new OneLineValues(Events);
    }

    private enum Kind
    {
        Mapping,
        Sequence,
    }

    // In chunks: a large file's events in one array would land on the large object heap, and cost a full collection.
    public ChunkedList<ParsingEvent> Events { get; } = new();

    public bool Read()
    {
        Events.Add(new StreamStart());
        var index = 0;
        while (index < text.Length)
        {
            line++;
            values.Line = (index, line);
            var end = text.IndexOf('\n', index);
            if (end < 0)
            {
                end = text.Length;
            }

            var contentEnd = end > index && text[end - 1] == '\r' ? end - 1 : end;
            if (!ReadLine(text.AsSpan(index, contentEnd - index)))
            {
                return false;
            }

            index = end + 1;
        }

        if (open.Count == 0)
        {
            // Only comments and blank lines: no document at all, as YamlDotNet reads it.
            Events.Add(new StreamEnd(EndOfText(), EndOfText()));
            return true;
        }

        var last = EndOfText();
        ResolvePending();
        CloseWhile(_ => true, last);
        Events.Add(new DocumentEnd(true, last, last));
        Events.Add(new StreamEnd(last, last));
        return true;
    }

    private bool ReadLine(ReadOnlySpan<char> row)
    {
        foreach (var c in row)
        {
            // Tabs, control characters, YAML's other line breaks, byte-order marks and surrogates: the full parser's.
            if (c < ' ' || c is >= '\u007f' and <= '\u009f' || c is '\u2028' or '\u2029' || c >= '\ud800')
            {
                return false;
            }
        }

        var indent = OneLineValues.SkipSpaces(row, 0);

        if (indent == row.Length || row[indent] == '#')
        {
            return true;
        }

        if (indent == 0 && (row[0] == '%' || row.StartsWith("---") || row.StartsWith("...")))
        {
            return false;
        }

        var item = row[indent] == '-' && (indent + 1 == row.Length || row[indent + 1] == ' ');
        if (!Place(indent, item))
        {
            return false;
        }

        return item ? ReadItem(row, indent) : ReadEntry(row, indent);
    }

    /// <summary>Closes what this line ends and checks it continues the collection left open at its indentation.</summary>
    private bool Place(int indent, bool item)
    {
        var at = At(indent);
        if (pendingOwner is { } owner)
        {
            // A key's block value may be a sequence at the key's own indentation ("key:" then "- a").
            if (indent > owner.Indent || (item && owner.Kind == Kind.Mapping && indent == owner.Indent))
            {
                pendingOwner = null;
                Begin(item ? Kind.Sequence : Kind.Mapping, indent, at);
                return true;
            }

            ResolvePending();
        }

        if (open.Count == 0)
        {
            if (item || Events.Count > 1)
            {
                return false;   // a sequence at the top, or a second top node: the full parser's to report
            }

            Events.Add(new DocumentStart(null, null, true, at, at));
            Begin(Kind.Mapping, indent, at);
            return true;
        }

        // A sequence at its key's indentation ends at the next key there.
        CloseWhile(o => o.Indent > indent || (!item && o.Kind == Kind.Sequence && o.Indent == indent), at);
        return open.Count > 0 && open.Peek() == new Open(item ? Kind.Sequence : Kind.Mapping, indent);
    }

    private bool ReadItem(ReadOnlySpan<char> row, int indent)
    {
        var content = OneLineValues.SkipSpaces(row, indent + 1);

        if (content == row.Length || row[content] == '#')
        {
            Pend(open.Peek(), indent + 1);
            return true;
        }

        if (row[content] == '-' && (content + 1 == row.Length || row[content + 1] == ' '))
        {
            return false;   // "- - a"
        }

        if (KeyEnd(row, content) >= 0)
        {
            // "- key: value": a mapping as the item, indented where its first key starts.
            Begin(Kind.Mapping, content, At(content));
            return ReadEntry(row, content);
        }

        return values.ReadValue(row, content);
    }

    private bool ReadEntry(ReadOnlySpan<char> row, int indent)
    {
        var colon = KeyEnd(row, indent);
        if (colon < 0)
        {
            return false;
        }

        var keyEnd = OneLineValues.TrimEnd(row, indent, colon);
        values.AddScalar(indent, keyEnd, ScalarStyle.Plain, row[indent..keyEnd].ToString());
        var value = OneLineValues.SkipSpaces(row, colon + 1);

        if (value == row.Length || row[value] == '#')
        {
            Pend(open.Peek(), colon + 1);
            return true;
        }

        return values.ReadValue(row, value);
    }

    /// <summary>
    /// Where a plain key that starts at <paramref name="start"/> ends: its ':' followed by a space or the end of the
    /// line; -1 when the line holds no such key (or one this reader leaves to the full parser).
    /// </summary>
    private static int KeyEnd(ReadOnlySpan<char> row, int start)
    {
        if (!OneLineValues.StartsPlain(row, start))
        {
            return -1;
        }

        for (var i = start; i < row.Length; i++)
        {
            switch (row[i])
            {
                case ':' when i + 1 == row.Length || row[i + 1] == ' ':
                    return i == start ? -1 : i;
                case ':' or '#' or '"' or '\'' or '{' or '}' or '[' or ']' or ',':
                    return -1;   // legal in places, but not worth getting wrong here
            }
        }

        return -1;
    }

    private void Pend(Open owner, int column)
    {
        pendingOwner = owner;
        pendingAt = At(column);
    }

    /// <summary>A key or item nothing was nested under: its value is an empty plain scalar (YAML's null).</summary>
    private void ResolvePending()
    {
        if (pendingOwner is null)
        {
            return;
        }

        pendingOwner = null;
        Events.Add(new Scalar(NoProperties.Anchor, NoProperties.Tag, string.Empty, ScalarStyle.Plain, true, false, pendingAt, pendingAt));
    }

    private void Begin(Kind kind, int indent, Mark at)
    {
        open.Push(new Open(kind, indent));
        Events.Add(kind == Kind.Mapping
            ? new MappingStart(NoProperties.Anchor, NoProperties.Tag, true, MappingStyle.Block, at, at)
            : new SequenceStart(NoProperties.Anchor, NoProperties.Tag, true, SequenceStyle.Block, at, at));
    }

    private void CloseWhile(Func<Open, bool> closes, Mark at)
    {
        while (open.Count > 0 && closes(open.Peek()))
        {
            Events.Add(open.Pop().Kind == Kind.Mapping ? new MappingEnd(at, at) : new SequenceEnd(at, at));
        }
    }

    private Mark At(int column) => values.At(column);

    private Mark EndOfText() => new(text.Length, line + 1, 1);

    private readonly record struct Open(Kind Kind, int Indent);
}
