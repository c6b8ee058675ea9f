using System.Text;

namespace Config.Providers.Formats.EnvFiles;

internal static partial class EnvFileParser
{
    /// <summary>Quoted values, shared by both dialects.</summary>
    private sealed partial class Reader
    {
        /// <summary>
        /// A single-quoted value, literal. In the compose dialect <c>\'</c> is a quote inside it (compose-go: the
        /// backslash before any other character stays); systemd has no escapes there.
        /// </summary>
        private string ReadSingleQuoted(bool backslashEscapesQuote)
        {
            var (openLine, openColumn) = (line, Column);
            pos++;
            var start = pos;
            var close = text[pos..].IndexOfAny(backslashEscapesQuote ? SingleQuotedStops : SingleQuotedClose);
            if (close >= 0 && text[pos + close] == '\'')
            {
                // The common case: no backslash before the closing quote.
                close += pos;
                TrackLines(start, close);
                pos = close + 1;
                return text[start..close].ToString();
            }

            var value = new StringBuilder();
            while (true)
            {
                if (AtEnd)
                {
                    throw Error(openLine, openColumn, "unterminated single-quoted value (the quote opened here is never closed)");
                }

                var c = Current;
                if (c == '\'')
                {
                    pos++;
                    return value.ToString();
                }

                if (c == '\\' && pos + 1 < text.Length)
                {
                    var next = text[pos + 1];
                    if (next != '\'')
                    {
                        value.Append('\\');
                    }

                    value.Append(next);
                    pos++;
                    Advance();
                    continue;
                }

                value.Append(c);
                Advance();
            }
        }

        /// <summary>Keeps line and column right after a value from <paramref name="start"/> to <paramref name="end"/> spanning lines.</summary>
        private void TrackLines(int start, int end)
        {
            var lastBreak = text[start..end].LastIndexOf('\n');
            if (lastBreak >= 0)
            {
                line += text[start..end].Count('\n');
                lineStart = start + lastBreak + 1;
            }
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
                    if (systemdEscapes ? SystemdEscape(value) : ComposeEscape(value))
                    {
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
    }
}
