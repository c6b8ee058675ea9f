using System.Text;

namespace Config.Providers.Formats.EnvFiles;

internal static partial class EnvFileParser
{
    /// <summary>Compose interpolation: <c>${VAR}</c>, its operators, and <c>$VAR</c>.</summary>
    private sealed partial class Reader
    {
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

                Expand(output, Lookup(text[start..pos].ToString(), dollarLine, dollarColumn), dollarLine, dollarColumn);
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

            var value = Resolve(name);
            if (Current == '}')
            {
                pos++;
                if (value is null)
                {
                    Warn(dollarLine, dollarColumn, $"variable '{name}' is not set; it expands to an empty string");
                }

                Expand(output, value, dollarLine, dollarColumn);
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
                    Expand(output, unset ? word.ToString() : value, dollarLine, dollarColumn);
                    break;
                case '+':
                    Expand(output, unset ? string.Empty : word.ToString(), dollarLine, dollarColumn);
                    break;
                default:
                    if (unset)
                    {
                        var message = word.Length > 0 ? word.ToString() : "required";
                        throw Error(dollarLine, dollarColumn, $"variable '{name}' is {(value is null ? "not set" : "empty")}: {message}");
                    }

                    Expand(output, value, dollarLine, dollarColumn);
                    break;
            }
        }

        /// <summary>Appends an expansion, within the value's and the file's budgets (never quoting the text).</summary>
        private void Expand(StringBuilder output, string? value, int atLine, int atColumn)
        {
            if (string.IsNullOrEmpty(value))
            {
                return;
            }

            if (output.Length + value.Length > MaxExpandedValue)
            {
                throw Error(atLine, atColumn, $"interpolation makes this value longer than {MaxExpandedValue:N0} characters");
            }

            budget.Expanded(value.Length, atLine, atColumn);

            output.Append(value);
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

        /// <summary>As compose-go: the process environment first, then the keys defined earlier in the file.</summary>
        private string? Resolve(string name) => options.Environment(name) ?? (Defined().TryGetValue(name, out var own) ? own : null);

        private string? Lookup(string name, int atLine, int atColumn)
        {
            var value = Resolve(name);
            if (value is null)
            {
                Warn(atLine, atColumn, $"variable '{name}' is not set; it expands to an empty string");
            }

            return value;
        }
    }
}
