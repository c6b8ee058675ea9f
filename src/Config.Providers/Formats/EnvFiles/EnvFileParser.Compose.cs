using System.Text;

namespace Config.Providers.Formats.EnvFiles;

internal static partial class EnvFileParser
{
    /// <summary>compose's env_file syntax (compose-go): statements, unquoted values, double-quote escapes.</summary>
    private sealed partial class Reader
    {
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
                SkipBlanks();
                if (AtEnd || AtLineEnd())
                {
                    // compose-go: a name alone takes its value from the process environment, and is left out when
                    // that has none. Said without quoting the line: it may be the tail of a broken multi-line secret.
                    InheritFromEnvironment(key, keyLine, keyColumn);
                    continue;
                }

                ExpectEquals(orColon: true);
                SkipBlanks();
                var value = ReadComposeValue();
                Add(key, value, keyLine, keyColumn);
            }

            return new EnvFileParseResult(entries, warnings);
        }

        private void InheritFromEnvironment(string key, int keyLine, int keyColumn)
        {
            if (!AtEnd)
            {
                ConsumeLineEnd();
            }

            if (options.Environment(key) is { } inherited)
            {
                Add(key, inherited, keyLine, keyColumn);
            }
            else
            {
                Warn(keyLine, keyColumn, "a name without '=' takes its value from the process environment, which does not set it: the line is left out");
            }
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
                value = ReadSingleQuoted(backslashEscapesQuote: true);
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
                if (c == '#' && pos > start && text[pos - 1] == ' ')
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

        /// <summary>
        /// At a backslash inside double quotes, compose (the shell's echo escapes): <c>\a \b \f \n \r \t \v \\ \" \$</c>
        /// and <c>\0</c> with three octal digits; any other backslash stays. True when the escape was consumed.
        /// </summary>
        private bool ComposeEscape(StringBuilder value)
        {
            var next = text[pos + 1];
            char? escaped = next switch
            {
                'a' => '\a', 'b' => '\b', 'f' => '\f', 'n' => '\n', 'r' => '\r', 't' => '\t', 'v' => '\v',
                '"' => '"', '\\' => '\\', '$' => '$',
                _ => null,
            };
            if (escaped is { } e)
            {
                value.Append(e);
                pos += 2;
                return true;
            }

            if (next == '0' && pos + 4 < text.Length && IsOctal(text[pos + 2]) && IsOctal(text[pos + 3]) && IsOctal(text[pos + 4]))
            {
                var code = ((text[pos + 2] - '0') * 64) + ((text[pos + 3] - '0') * 8) + (text[pos + 4] - '0');
                if (code <= 0xFF)
                {
                    value.Append((char)code);
                    pos += 5;
                    return true;
                }
            }

            return false;

            static bool IsOctal(char c) => c is >= '0' and <= '7';
        }
    }
}
