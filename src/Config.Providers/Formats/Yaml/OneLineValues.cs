using Config.Providers.Core;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Config.Providers.Formats.Yaml;

/// <summary>
/// The values <see cref="BlockYamlReader"/> reads within one line: plain and quoted scalars (without escapes) and flow
/// collections that close on the line, as YamlDotNet's events with its marks. Each method returns false for what it
/// leaves to YamlDotNet's parser.
/// </summary>
internal sealed class OneLineValues(ChunkedList<ParsingEvent> events)
{
    private const int MaxFlowDepth = 16;

    /// <summary>Where the line being read starts in the text, and its number (from 1).</summary>
    public (int Start, int Number) Line { get; set; }

    /// <summary>The mark YamlDotNet gives column <paramref name="column"/> (from 0) of the current line.</summary>
    public Mark At(int column) => new(Line.Start + column, Line.Number, column + 1);

    /// <summary>A scalar event from <paramref name="start"/> to <paramref name="end"/> of the current line.</summary>
    public void AddScalar(int start, int end, ScalarStyle style, string value) =>
        events.Add(new Scalar(NoProperties.Anchor, NoProperties.Tag, value, style, style == ScalarStyle.Plain, style != ScalarStyle.Plain, At(start), At(end)));

    /// <summary>Whether a plain scalar may start at <paramref name="start"/> (as this reader reads them: a few YAML allows are left out).</summary>
    public static bool StartsPlain(ReadOnlySpan<char> row, int start) =>
        start < row.Length && row[start] switch
        {
            '[' or ']' or '{' or '}' or ',' or '#' or '&' or '*' or '!' or '|' or '>' or '\'' or '"' or '%' or '@' or '`' => false,

            // "-5" is a plain scalar; ':' and '?' first are read differently in flow collections: the full parser's.
            '?' or ':' => false,
            '-' => start + 1 < row.Length && row[start + 1] != ' ',
            _ => true,
        };

    /// <summary>A one-line value at <paramref name="start"/> — a scalar or a flow collection — then nothing but a comment.</summary>
    public bool ReadValue(ReadOnlySpan<char> row, int start)
    {
        int end;
        if (row[start] is '[' or '{')
        {
            end = start;
            if (!ReadFlow(row, ref end, 0))
            {
                return false;
            }
        }
        else if (row[start] is '"' or '\'')
        {
            if (!ReadQuoted(row, start, out end))
            {
                return false;
            }
        }
        else
        {
            if (!StartsPlain(row, start))
            {
                return false;
            }

            end = start;
            for (var i = start; i < row.Length; i++)
            {
                if (row[i] == '#' && row[i - 1] == ' ')
                {
                    break;
                }

                if (row[i] == ':' && (i + 1 == row.Length || row[i + 1] == ' '))
                {
                    return false;   // "a: b: c", or a key where a value was expected
                }

                if (row[i] != ' ')
                {
                    end = i + 1;
                }
            }

            AddScalar(start, end, ScalarStyle.Plain, row[start..end].ToString());
        }

        return OnlyComment(row, end);
    }

    /// <summary>A quoted scalar without escapes that closes on this line; <paramref name="end"/> is past its quote.</summary>
    private bool ReadQuoted(ReadOnlySpan<char> row, int start, out int end)
    {
        var quote = row[start];
        end = -1;
        var close = row[(start + 1)..].IndexOf(quote);
        if (close < 0 || (quote == '"' && row.Slice(start + 1, close).Contains('\\')))
        {
            return false;   // open at the end of the line, or escapes: the full parser's
        }

        close += start + 1;
        if (quote == '"' || close + 1 == row.Length || row[close + 1] != '\'')
        {
            end = close + 1;
            AddScalar(start, end, quote == '"' ? ScalarStyle.DoubleQuoted : ScalarStyle.SingleQuoted, row[(start + 1)..close].ToString());
            return true;
        }

        // 'it''s': a doubled quote stands for one.
        var builder = new System.Text.StringBuilder();
        for (var i = start + 1; i < row.Length; i++)
        {
            if (row[i] != quote)
            {
                builder.Append(row[i]);
            }
            else if (i + 1 < row.Length && row[i + 1] == quote)
            {
                builder.Append(quote);
                i++;
            }
            else
            {
                end = i + 1;
                AddScalar(start, end, ScalarStyle.SingleQuoted, builder.ToString());
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A flow sequence or mapping that closes on this line (<c>[a, 'b']</c>, <c>{name: x, port: 1}</c>), scalars and
    /// nested flow collections in it; <paramref name="i"/> moves past its closing bracket.
    /// </summary>
    private bool ReadFlow(ReadOnlySpan<char> row, ref int i, int depth)
    {
        if (depth == MaxFlowDepth)
        {
            return false;
        }

        var mapping = row[i] == '{';
        var close = mapping ? '}' : ']';
        events.Add(mapping
            ? new MappingStart(NoProperties.Anchor, NoProperties.Tag, true, MappingStyle.Flow, At(i), At(i + 1))
            : new SequenceStart(NoProperties.Anchor, NoProperties.Tag, true, SequenceStyle.Flow, At(i), At(i + 1)));
        i = SkipSpaces(row, i + 1);
        var first = true;
        while (i < row.Length && row[i] != close)
        {
            if (!first)
            {
                // Entries are separated by a comma; a trailing comma before the bracket is allowed.
                if (row[i] != ',')
                {
                    return false;
                }

                i = SkipSpaces(row, i + 1);
                if (i < row.Length && row[i] == close)
                {
                    break;
                }
            }

            first = false;
            if (mapping)
            {
                // A plain key, then ": " and its value.
                var keyEnd = FlowPlainEnd(row, i);
                if (keyEnd <= i || keyEnd + 1 >= row.Length || row[keyEnd] != ':' || row[keyEnd + 1] != ' ')
                {
                    return false;
                }

                var key = TrimEnd(row, i, keyEnd);
                AddScalar(i, key, ScalarStyle.Plain, row[i..key].ToString());
                i = SkipSpaces(row, keyEnd + 1);
            }

            if (!ReadFlowNode(row, ref i, depth))
            {
                return false;
            }

            i = SkipSpaces(row, i);
            if (!mapping && i < row.Length && row[i] == ':')
            {
                return false;   // "[a: b]", a one-pair mapping in a sequence
            }
        }

        if (i == row.Length)
        {
            return false;   // continues on the next line
        }

        i++;
        events.Add(mapping ? new MappingEnd(At(i), At(i)) : new SequenceEnd(At(i), At(i)));
        return true;
    }

    private bool ReadFlowNode(ReadOnlySpan<char> row, ref int i, int depth)
    {
        if (i == row.Length)
        {
            return false;
        }

        switch (row[i])
        {
            case '[' or '{':
                return ReadFlow(row, ref i, depth + 1);
            case '"' or '\'':
                return ReadQuoted(row, i, out i);
        }

        var end = FlowPlainEnd(row, i);
        if (end <= i || (end < row.Length && row[end] == ':'))
        {
            return false;
        }

        var trimmed = TrimEnd(row, i, end);
        AddScalar(i, trimmed, ScalarStyle.Plain, row[i..trimmed].ToString());
        i = end;
        return true;
    }

    /// <summary>
    /// Where a plain scalar in a flow collection ends: at a flow indicator, a ':' that ends a key, or a comment; -1
    /// when it cannot start here.
    /// </summary>
    private static int FlowPlainEnd(ReadOnlySpan<char> row, int start)
    {
        // "-1" in a flow collection is left to the full parser too: '-' before a flow indicator is not a scalar there.
        if (!StartsPlain(row, start) || row[start] == '-')
        {
            return -1;
        }

        for (var i = start; i < row.Length; i++)
        {
            switch (row[i])
            {
                case ',' or '[' or ']' or '{' or '}':
                    return i;
                case ':' when i + 1 == row.Length || row[i + 1] is ' ' or ',' or '[' or ']' or '{' or '}':
                    return i;
                case '#' when row[i - 1] == ' ':
                    return -1;   // a comment inside an open flow collection
                case '"' or '\'':
                    return -1;
            }
        }

        return row.Length;
    }

    /// <summary>Where text from <paramref name="start"/> to <paramref name="end"/> ends without its trailing spaces.</summary>
    public static int TrimEnd(ReadOnlySpan<char> row, int start, int end)
    {
        while (end > start && row[end - 1] == ' ')
        {
            end--;
        }

        return end;
    }

    /// <summary>The first position from <paramref name="i"/> on that is not a space.</summary>
    public static int SkipSpaces(ReadOnlySpan<char> row, int i)
    {
        while (i < row.Length && row[i] == ' ')
        {
            i++;
        }

        return i;
    }

    /// <summary>Nothing but spaces, then perhaps a comment (after at least one space), from <paramref name="from"/> on.</summary>
    public static bool OnlyComment(ReadOnlySpan<char> row, int from)
    {
        var i = SkipSpaces(row, from);
        return i == row.Length || (i > from && row[i] == '#');
    }
}
