using Config.Providers.Core;

namespace Config.Providers.Formats.EnvFiles;

internal static partial class EnvFileParser
{
    /// <summary>Moving through the text while keeping line and column right.</summary>
    private sealed partial class Reader
    {
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
