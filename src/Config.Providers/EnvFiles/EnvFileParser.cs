using System.Text;

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
        ArgumentNullException.ThrowIfNull(path);
        options ??= new EnvFileParseOptions();
        var reader = new Reader(text, path, options);
        return options.Dialect == EnvFileDialect.Systemd ? reader.ParseSystemd() : reader.ParseCompose();
    }

    private sealed class Reader(string text, string path, EnvFileParseOptions options)
    {
        private readonly List<EnvEntry> entries = [];
        private readonly List<string> warnings = [];
        private readonly Dictionary<string, string> defined = new(StringComparer.Ordinal);
        private readonly StringBuilder buffer = new();
        private const int MaxInterpolationDepth = 32;
        private int interpolationDepth;
        private int pos;
        private int line = 1;
        private int lineStart;

        private bool AtEnd => pos >= text.Length;

        private char Current => text[pos];

        private int Column => pos - lineStart + 1;

        public EnvFileParseResult ParseCompose()
        {
            SkipBom();
            while (!AtEnd)
            {
                SkipBlanks();
                if (AtEnd)
                {
                    break;
                }

                if (AtLineEnd())
                {
                    ConsumeLineEnd();
                    continue;
                }

                if (Current == '#')
                {
                    SkipToLineEnd();
                    continue;
                }

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
            while (!AtEnd)
            {
                SkipBlanks();
                if (AtEnd)
                {
                    break;
                }

                if (AtLineEnd())
                {
                    ConsumeLineEnd();
                    continue;
                }

                if (Current is '#' or ';')
                {
                    SkipToLineEnd();
                    continue;
                }

                var (key, keyLine, keyColumn) = ReadKey(systemd: true);
                ExpectEquals(key);
                SkipBlanks();
                Add(key, ReadSystemdValue(), keyLine, keyColumn);
            }

            return new EnvFileParseResult(entries, warnings);
        }

        private void Add(string key, string value, int keyLine, int keyColumn)
        {
            entries.Add(new EnvEntry(key, value, keyLine, keyColumn));
            defined[key] = value;
        }

        private (string Key, int Line, int Column) ReadKey(bool systemd)
        {
            var start = pos;
            var (keyLine, keyColumn) = (line, Column);
            if (!AtEnd && (char.IsAsciiLetter(Current) || Current == '_'))
            {
                pos++;
                while (!AtEnd && (char.IsAsciiLetterOrDigit(Current) || Current == '_' || (!systemd && Current is '.' or '-')))
                {
                    pos++;
                }
            }

            if (pos == start)
            {
                throw Error(keyLine, keyColumn, systemd
                    ? "expected a variable name ([A-Za-z_][A-Za-z0-9_]*) at the start of the line"
                    : "expected a variable name (letters, digits, '_', '.', '-'; not starting with a digit) at the start of the line");
            }

            return (text[start..pos], keyLine, keyColumn);
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
            var end = pos;
            var hasDollar = false;
            while (!AtEnd && !AtLineEnd())
            {
                var c = Current;
                if (c == '#' && pos > start && text[pos - 1] is ' ' or '\t')
                {
                    break;
                }

                hasDollar |= c == '$';
                pos++;
                if (c is not (' ' or '\t'))
                {
                    end = pos;
                }
            }

            if (!hasDollar || !options.Interpolation)
            {
                SkipToLineEnd();
                return text.Substring(start, end - start);
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
            while (!AtEnd && Current != '\'')
            {
                Advance();
            }

            if (AtEnd)
            {
                throw Error(openLine, openColumn, "unterminated single-quoted value (the quote opened here is never closed)");
            }

            var value = text[start..pos];
            pos++;
            return value;
        }

        private string ReadDoubleQuoted(bool systemdEscapes, bool interpolate)
        {
            var (openLine, openColumn) = (line, Column);
            pos++;
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

                output.Append(Lookup(text[start..pos], dollarLine, dollarColumn) ?? string.Empty);
                return;
            }

            pos++;
            var nameStart = pos;
            while (pos < limit && (char.IsAsciiLetterOrDigit(Current) || Current is '_' or '.' or '-') && !(Current == '-' && pos > nameStart))
            {
                pos++;
            }

            var name = text[nameStart..pos];
            if (name.Length == 0)
            {
                throw Error(dollarLine, dollarColumn, "expected a variable name after '${'");
            }

            if (pos >= limit)
            {
                throw Error(dollarLine, dollarColumn, "unterminated '${' (no closing '}')");
            }

            var value = defined.TryGetValue(name, out var own) ? own : options.Environment(name);
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

        private string? Lookup(string name, int atLine, int atColumn)
        {
            var value = defined.TryGetValue(name, out var own) ? own : options.Environment(name);
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
            string.CompareOrdinal(text, pos, word, 0, word.Length) == 0
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
            while (!AtEnd && !AtLineEnd())
            {
                pos++;
            }

            if (!AtEnd)
            {
                ConsumeLineEnd();
            }
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
