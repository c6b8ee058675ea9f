using System.Text;
using Config.Providers.Files;

namespace Config.Providers.EnvFiles;

/// <summary>
/// Reads env files (see docs/providers/env-files.md). Pure: no I/O, and the process environment is only read
/// through <see cref="EnvFileParseOptions.Environment"/>. Malformed input raises a
/// <see cref="ConfigurationFormatException"/> naming path, line and column; nothing after an error is read as data.
/// </summary>
public static class EnvFileParser
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

    private sealed class Reader(ReadOnlyMemory<char> source, string path, EnvFileParseOptions options)
    {
        private readonly ChunkedList<EnvEntry> entries = new();
        private readonly List<string> warnings = [];
        private Dictionary<string, string>? defined;
        private readonly StringBuilder buffer = new();
        private const int MaxInterpolationDepth = 32;
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

        /// <summary>At a '$': appends the expansion and moves past it.</summary>
        private void Interpolate(StringBuilder output, int limit, bool insideDoubleQuotes)
        {
            var (dollarLine, dollarColumn) = (line, Column);
            pos++;
            if (pos >= limit)
            {
                output.Append('$');
                return;
            }

            var c = Current;
            if (c == '$')
            {
                output.Append('$');
                pos++;
                return;
            }

            if (c != '{')
            {
                if (!(char.IsAsciiLetter(c) || c == '_'))
                {
                    output.Append('$');
                    return;
                }

                var start = pos;
                while (pos < limit && (char.IsAsciiLetterOrDigit(Current) || Current == '_'))
                {
                    pos++;
                }

                output.Append(Lookup(text[start..pos].ToString(), dollarLine, dollarColumn) ?? string.Empty);
                return;
            }

            pos++;
            var nameStart = pos;
            while (pos < limit && (char.IsAsciiLetterOrDigit(Current) || Current is '_' or '.' or '-') && !(Current == '-' && pos > nameStart))
            {
                pos++;
            }

            var name = text[nameStart..pos].ToString();
            if (name.Length == 0)
            {
                throw Error(dollarLine, dollarColumn, "expected a variable name after '${'");
            }

            if (pos >= limit)
            {
                throw Error(dollarLine, dollarColumn, "unterminated '${' (no closing '}')");
            }

            var value = Defined().TryGetValue(name, out var own) ? own : options.Environment(name);
            if (Current == '}')
            {
                pos++;
                if (value is null)
                {
                    Warn(dollarLine, dollarColumn, $"variable '{name}' is not set; it expands to an empty string");
                }

                output.Append(value ?? string.Empty);
                return;
            }

            var colon = Current == ':';
            if (colon)
            {
                pos++;
            }

            var op = pos < limit ? Current : '\0';
            if (op is not ('-' or '?' or '+'))
            {
                throw Error(line, Column, $"unsupported operator in '${{{name}…}}': expected '}}', ':-', '-', ':?', '?', ':+' or '+'");
            }

            pos++;
            var word = new StringBuilder();
            if (++interpolationDepth > MaxInterpolationDepth)
            {
                throw Error(dollarLine, dollarColumn, $"'${{…}}' nested deeper than {MaxInterpolationDepth} levels");
            }

            ReadWord(word, limit, dollarLine, dollarColumn, insideDoubleQuotes);
            interpolationDepth--;
            var unset = value is null || (colon && value.Length == 0);
            switch (op)
            {
                case '-':
                    output.Append(unset ? word.ToString() : value);
                    break;
                case '+':
                    output.Append(unset ? string.Empty : word.ToString());
                    break;
                default:
                    if (unset)
                    {
                        var message = word.Length > 0 ? word.ToString() : "required";
                        throw Error(dollarLine, dollarColumn, $"variable '{name}' is {(value is null ? "not set" : "empty")}: {message}");
                    }

                    output.Append(value);
                    break;
            }
        }

        /// <summary>The word of <c>${VAR:-word}</c>, itself interpolated, up to the matching '}'.</summary>
        private void ReadWord(StringBuilder word, int limit, int dollarLine, int dollarColumn, bool insideDoubleQuotes)
        {
            while (true)
            {
                if (pos >= limit || (!insideDoubleQuotes && AtLineEnd()))
                {
                    throw Error(dollarLine, dollarColumn, "unterminated '${' (no closing '}')");
                }

                var c = Current;
                if (c == '}')
                {
                    pos++;
                    return;
                }

                if (c == '$')
                {
                    Interpolate(word, limit, insideDoubleQuotes);
                    continue;
                }

                if (insideDoubleQuotes && c == '"')
                {
                    throw Error(dollarLine, dollarColumn, "unterminated '${' (the quote closes before '}')");
                }

                if (insideDoubleQuotes && c == '\\' && pos + 1 < limit && text[pos + 1] is '"' or '\\' or '$' or '}')
                {
                    pos++;
                }

                word.Append(Current);
                Advance();
            }
        }

        /// <summary>Keys defined so far, for interpolation; built on first use, so files without '$' never pay for it.</summary>
        private Dictionary<string, string> Defined()
        {
            if (defined is null)
            {
                defined = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var entry in entries)
                {
                    defined[entry.Key] = entry.Value;
                }
            }

            return defined;
        }

        private string? Lookup(string name, int atLine, int atColumn)
        {
            var value = Defined().TryGetValue(name, out var own) ? own : options.Environment(name);
            if (value is null)
            {
                Warn(atLine, atColumn, $"variable '{name}' is not set; it expands to an empty string");
            }

            return value;
        }

        private void Warn(int atLine, int atColumn, string message) => warnings.Add($"{path}:{atLine}:{atColumn}: {message}");

        private ConfigurationFormatException Error(int atLine, int atColumn, string message) => new(path, atLine, atColumn, message);

        private void SkipBom()
        {
            if (text.Length > 0 && text[0] == '\uFEFF')
            {
                pos = 1;
                lineStart = 1;
            }
        }

        private bool StartsWithWord(string word) =>
            text[pos..].StartsWith(word, StringComparison.Ordinal)
            && pos + word.Length < text.Length
            && text[pos + word.Length] is ' ' or '\t';

        private void SkipBlanks()
        {
            while (!AtEnd && Current is ' ' or '\t' or '\f' or '\v' || (!AtEnd && Current == '\r' && !(pos + 1 < text.Length && text[pos + 1] == '\n')))
            {
                pos++;
            }
        }

        private bool AtLineEnd() => Current == '\n' || (Current == '\r' && pos + 1 < text.Length && text[pos + 1] == '\n');

        private void ConsumeLineEnd()
        {
            if (Current == '\r')
            {
                pos++;
            }

            pos++;
            line++;
            lineStart = pos;
        }

        private void SkipToLineEnd()
        {
            var next = text[pos..].IndexOf('\n');
            if (next < 0)
            {
                pos = text.Length;
                return;
            }

            pos += next;
            ConsumeLineEnd();
        }

        /// <summary>Moves one character, keeping line and column right across newlines inside quotes.</summary>
        private void Advance()
        {
            if (Current == '\n')
            {
                pos++;
                line++;
                lineStart = pos;
            }
            else
            {
                pos++;
            }
        }
    }
}
