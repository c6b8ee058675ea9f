using System.Text;

namespace Config.Providers.Formats.EnvFiles;

internal static partial class EnvFileParser
{
    /// <summary>systemd's EnvironmentFile= syntax (env-file.c's state machine).</summary>
    private sealed partial class Reader
    {
        public EnvFileParseResult ParseSystemd()
        {
            SkipBom();
            while (NextStatement(systemd: true))
            {
                var (key, keyLine, keyColumn) = ReadKey(systemd: true);
                ExpectEquals(orColon: false);
                SkipBlanks();
                var value = ReadSystemdValue();
                if (NonCharacter(value) is { } found)
                {
                    // systemd refuses the whole file (its UTF-8 check rejects noncharacters); so do we, loudly.
                    throw Error(keyLine, keyColumn, $"the value holds the Unicode noncharacter U+{found:X4}, which systemd refuses");
                }

                Add(key, value, keyLine, keyColumn);
            }

            return new EnvFileParseResult(entries, warnings);
        }

        private static int? NonCharacter(string value)
        {
            foreach (var rune in value.EnumerateRunes())
            {
                if ((rune.Value & 0xFFFE) == 0xFFFE || rune.Value is >= 0xFDD0 and <= 0xFDEF)
                {
                    return rune.Value;
                }
            }

            return null;
        }

        /// <summary>
        /// At a backslash inside double quotes, systemd: <c>\" \\ \` \$</c> are the character, backslash-newline joins
        /// lines; any other backslash stays. True when the escape was consumed.
        /// </summary>
        private bool SystemdEscape(StringBuilder value)
        {
            var next = text[pos + 1];
            if (next is '"' or '\\' or '`' or '$')
            {
                value.Append(next);
                pos += 2;
                return true;
            }

            pos++;
            if (AtLineEnd())
            {
                ConsumeLineEnd();
                return true;
            }

            pos--;
            return false;
        }

        /// <summary>
        /// systemd's value state machine (env-file.c): a quote opens only where a value, or a part after a closing
        /// quote, starts — white space there is skipped; in a bare part quotes are literal, a backslash takes the next
        /// character as it is, backslash-newline joins lines, and white space at the end is dropped. A backslash at
        /// the end of the file is dropped.
        /// </summary>
        private string ReadSystemdValue()
        {
            var value = new StringBuilder();
            var bare = false;
            var keep = 0;
            while (!AtEnd && !AtLineEnd())
            {
                var c = Current;
                if (!bare)
                {
                    if (c is ' ' or '\t')
                    {
                        pos++;
                        continue;
                    }

                    if (c is '\'' or '"')
                    {
                        value.Append(c == '\'' ? ReadSingleQuoted(backslashEscapesQuote: false) : ReadDoubleQuoted(systemdEscapes: true, interpolate: false));
                        keep = value.Length;
                        continue;
                    }

                    bare = true;
                }

                pos++;
                if (c == '\\')
                {
                    if (AtEnd)
                    {
                        break;
                    }

                    if (AtLineEnd())
                    {
                        ConsumeLineEnd();
                        continue;
                    }

                    value.Append(Current);
                    pos++;
                    keep = value.Length;
                    continue;
                }

                value.Append(c);
                if (c is not (' ' or '\t'))
                {
                    keep = value.Length;
                }
            }

            SkipToLineEnd();
            value.Length = keep;
            return value.ToString();
        }
    }
}
