using System.Text;
using Config.Providers.Core;

namespace Config.Providers.EnvFiles;

/// <summary>
/// Reads env files (see docs/providers/env-files.md). Pure: no I/O, and the process environment is only read
/// through <see cref="EnvFileParseOptions.Environment"/>. Malformed input raises a
/// <see cref="ConfigurationFormatException"/> naming path, line and column; nothing after an error is read as data.
/// </summary>
internal static partial class EnvFileParser
{
    /// <summary>Parses <paramref name="text"/>, the content of the file at <paramref name="path"/>.</summary>
    /// <param name="text">The file content.</param>
    /// <param name="path">The file name used in messages.</param>
    /// <param name="options">Dialect and interpolation; defaults when null.</param>
    /// <returns>The assignments and warnings.</returns>
    /// <exception cref="ConfigurationFormatException">The text is not a valid env file.</exception>
    public static EnvFileParseResult Parse(string text, string path, EnvFileParseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Parse(text.AsMemory(), path, options);
    }

    /// <summary>Parses the UTF-8 content of the file at <paramref name="path"/>, decoding it into a pooled buffer.</summary>
    /// <param name="utf8">The file content as UTF-8 (a BOM is accepted).</param>
    /// <param name="path">The file name used in messages.</param>
    /// <param name="options">Dialect and interpolation; defaults when null.</param>
    /// <returns>The assignments and warnings.</returns>
    /// <exception cref="ConfigurationFormatException">The text is not a valid env file.</exception>
    public static EnvFileParseResult Parse(ReadOnlySpan<byte> utf8, string path, EnvFileParseOptions? options = null)
    {
        var buffer = System.Buffers.ArrayPool<char>.Shared.Rent(Encoding.UTF8.GetMaxCharCount(utf8.Length));
        try
        {
            var length = Encoding.UTF8.GetChars(utf8, buffer);
            return Parse(buffer.AsMemory(0, length), path, options);
        }
        finally
        {
            // The buffer held the file, secrets included: clear it before another renter sees it.
            System.Buffers.ArrayPool<char>.Shared.Return(buffer, clearArray: true);
        }
    }

    private static EnvFileParseResult Parse(ReadOnlyMemory<char> text, string path, EnvFileParseOptions? options)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= new EnvFileParseOptions();
        var reader = new Reader(text, path, options);
        return options.Dialect == EnvFileDialect.Systemd ? reader.ParseSystemd() : reader.ParseCompose();
    }

    private sealed partial class Reader(ReadOnlyMemory<char> source, string path, EnvFileParseOptions options)
    {
        private readonly ChunkedList<EnvEntry> entries = new();

        private readonly List<string> warnings = [];

        private Dictionary<string, string>? defined;

        private readonly StringBuilder buffer = new();

        private const int MaxInterpolationDepth = 32;

        // Interpolation can multiply text (B=$A$A$A…, C=$B$B$B…): a 608-byte file once ran out of memory. One value
        // may expand to 1 MiB, the whole file to 16 MiB (the size a file may have); past that, a located error.
        private const int MaxExpandedValue = 1 << 20;
        private const long MaxExpandedFile = 16L << 20;
        private long expanded;

        private static readonly System.Buffers.SearchValues<char> SystemdKeyChars = System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_");

        private static readonly System.Buffers.SearchValues<char> ComposeKeyChars = System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-");

        private static readonly System.Buffers.SearchValues<char> UnquotedStops = System.Buffers.SearchValues.Create("\n\r#$");

        private static readonly System.Buffers.SearchValues<char> DoubleQuotedStops = System.Buffers.SearchValues.Create("\"\\$\n");

        private int interpolationDepth;

        private int pos;

        private int line = 1;

        private int lineStart;

        private ReadOnlySpan<char> text => source.Span;

        private bool AtEnd => pos >= source.Length;

        private char Current => text[pos];

        private int Column => pos - lineStart + 1;

        public EnvFileParseResult ParseCompose()
        {
            SkipBom();
            while (NextStatement(systemd: false))
            {
                if (StartsWithWord("export"))
                {
                    pos += "export".Length;
                    SkipBlanks();
                }

                var (key, keyLine, keyColumn) = ReadKey(systemd: false);
                ExpectEquals(key);
                SkipBlanks();
                var value = ReadComposeValue();
                Add(key, value, keyLine, keyColumn);
            }

            return new EnvFileParseResult(entries, warnings);
        }

        public EnvFileParseResult ParseSystemd()
        {
            SkipBom();
            while (NextStatement(systemd: true))
            {
                var (key, keyLine, keyColumn) = ReadKey(systemd: true);
                ExpectEquals(key);
                SkipBlanks();
                Add(key, ReadSystemdValue(), keyLine, keyColumn);
            }

            return new EnvFileParseResult(entries, warnings);
        }

        /// <summary>Skips blank and comment lines; true when positioned at the start of an assignment.</summary>
        private bool NextStatement(bool systemd)
        {
            while (true)
            {
                SkipBlanks();
                if (AtEnd)
                {
                    return false;
                }

                if (AtLineEnd())
                {
                    ConsumeLineEnd();
                }
                else if (Current == '#' || (systemd && Current == ';'))
                {
                    SkipToLineEnd();
                }
                else
                {
                    return true;
                }
            }
        }

        private void Add(string key, string value, int keyLine, int keyColumn)
        {
            entries.Add(new EnvEntry(key, value, keyLine, keyColumn));
            if (defined is not null)
            {
                defined[key] = value;
            }
        }

        private (string Key, int Line, int Column) ReadKey(bool systemd)
        {
            var start = pos;
            var (keyLine, keyColumn) = (line, Column);
            if (!AtEnd && (char.IsAsciiLetter(Current) || Current == '_'))
            {
                pos++;
                var length = text[pos..].IndexOfAnyExcept(systemd ? SystemdKeyChars : ComposeKeyChars);
                pos = length < 0 ? text.Length : pos + length;
            }

            if (pos == start)
            {
                throw Error(keyLine, keyColumn, systemd
                    ? "expected a variable name ([A-Za-z_][A-Za-z0-9_]*) at the start of the line"
                    : "expected a variable name (letters, digits, '_', '.', '-'; not starting with a digit) at the start of the line");
            }

            return (text[start..pos].ToString(), keyLine, keyColumn);
        }

        private void ExpectEquals(string key)
        {
            SkipBlanks();
            if (AtEnd || Current != '=')
            {
                throw Error(line, Column, AtEnd || AtLineEnd()
                    ? $"'{key}' is not followed by '=': the line is not an assignment"
                    : $"unexpected character after '{key}': expected '='");
            }

            pos++;
        }

        private string ReadComposeValue()
        {
            if (AtEnd || AtLineEnd())
            {
                return string.Empty;
            }

            string value;
            if (Current == '\'')
            {
                value = ReadSingleQuoted();
            }
            else if (Current == '"')
            {
                value = ReadDoubleQuoted(systemdEscapes: false, interpolate: options.Interpolation);
            }
            else
            {
                return ReadUnquoted();
            }

            // After a closing quote: only white space and an optional comment.
            SkipBlanks();
            if (!AtEnd && !AtLineEnd())
            {
                if (Current != '#')
                {
                    throw Error(line, Column, "unexpected text after the closing quote (quote the whole value, or start a comment with ' #')");
                }

                SkipToLineEnd();
            }

            return value;
        }

        private string ReadUnquoted()
        {
            var start = pos;
            var hasDollar = false;
            while (true)
            {
                // Jump to the next character that matters: a line end, a possible comment, an interpolation.
                var next = text[pos..].IndexOfAny(UnquotedStops);
                pos = next < 0 ? text.Length : pos + next;
                if (AtEnd || AtLineEnd())
                {
                    break;
                }

                var c = Current;
                if (c == '#' && pos > start && text[pos - 1] is ' ' or '\t')
                {
                    break;
                }

                hasDollar |= c == '$';
                pos++;
            }

            var end = start + text.Slice(start, pos - start).TrimEnd(" \t").Length;
            if (!hasDollar || !options.Interpolation)
            {
                SkipToLineEnd();
                return text.Slice(start, end - start).ToString();
            }

            // Interpolate within the trimmed slice only; the value is on one line, so line and column still hold.
            var stop = pos;
            pos = start;
            buffer.Clear();
            while (pos < end)
            {
                if (Current == '$')
                {
                    Interpolate(buffer, end, insideDoubleQuotes: false);
                }
                else
                {
                    buffer.Append(Current);
                    pos++;
                }
            }

            pos = stop;
            SkipToLineEnd();
            return buffer.ToString();
        }

        private string ReadSingleQuoted()
        {
            var (openLine, openColumn) = (line, Column);
            pos++;
            var start = pos;
            var close = text[pos..].IndexOf('\'');
            if (close >= 0)
            {
                close += pos;
            }

            if (close < 0)
            {
                throw Error(openLine, openColumn, "unterminated single-quoted value (the quote opened here is never closed)");
            }

            // Keep line and column right when the value spans lines.
            var lastBreak = text.Slice(start, close - start).LastIndexOf('\n');
            if (lastBreak >= 0)
            {
                line += text.Slice(start, close - start).Count('\n');
                lineStart = start + lastBreak + 1;
            }

            pos = close + 1;
            return text[start..close].ToString();
        }

        private string ReadDoubleQuoted(bool systemdEscapes, bool interpolate)
        {
            var (openLine, openColumn) = (line, Column);
            pos++;

            // Most values have no escapes, no '$' and no line break: take them as one slice.
            var plainLength = text[pos..].IndexOfAny(DoubleQuotedStops);
            if (plainLength >= 0 && text[pos + plainLength] == '"')
            {
                var plain = text.Slice(pos, plainLength).ToString();
                pos += plainLength + 1;
                return plain;
            }

            var value = new StringBuilder();
            while (true)
            {
                if (AtEnd)
                {
                    throw Error(openLine, openColumn, "unterminated double-quoted value (the quote opened here is never closed)");
                }

                var c = Current;
                if (c == '"')
                {
                    pos++;
                    return value.ToString();
                }

                if (c == '\\' && pos + 1 < text.Length)
                {
                    var next = text[pos + 1];
                    var escaped = systemdEscapes
                        ? next switch { '"' => '"', '\\' => '\\', '`' => '`', '$' => '$', _ => (char?)null }
                        : next switch { 'n' => '\n', 'r' => '\r', 't' => '\t', '"' => '"', '\\' => '\\', '$' => '$', _ => (char?)null };
                    if (escaped is { } e)
                    {
                        value.Append(e);
                        pos += 2;
                        continue;
                    }
                }

                if (c == '$' && interpolate)
                {
                    Interpolate(value, text.Length, insideDoubleQuotes: true);
                    continue;
                }

                value.Append(c);
                Advance();
            }
        }

        private string ReadSystemdValue()
        {
            var value = new StringBuilder();
            var keep = 0;
            while (!AtEnd && !AtLineEnd())
            {
                var c = Current;
                if (c == '\'')
                {
                    value.Append(ReadSingleQuoted());
                    keep = value.Length;
                }
                else if (c == '"')
                {
                    value.Append(ReadDoubleQuoted(systemdEscapes: true, interpolate: false));
                    keep = value.Length;
                }
                else if (c == '\\' && pos + 1 < text.Length)
                {
                    pos++;
                    if (AtLineEnd())
                    {
                        // Backslash-newline joins the next line.
                        ConsumeLineEnd();
                        continue;
                    }

                    value.Append(Current);
                    pos++;
                    keep = value.Length;
                }
                else
                {
                    value.Append(c);
                    pos++;
                    if (c is not (' ' or '\t'))
                    {
                        keep = value.Length;
                    }
                }
            }

            SkipToLineEnd();
            value.Length = keep;
            return value.ToString();
        }
    }
}
