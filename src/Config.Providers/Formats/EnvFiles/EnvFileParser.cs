using System.Text;
using Config.Providers.Core;

namespace Config.Providers.Formats.EnvFiles;

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

    /// <summary>
    /// Reads a systemd-style <c>EnvironmentFile</c> (the Consul location's) into variables, the last assignment of a
    /// name winning, as systemd does.
    /// </summary>
    /// <param name="text">The file content.</param>
    /// <param name="path">The file name used in messages.</param>
    /// <returns>The variables.</returns>
    /// <exception cref="ConfigurationFormatException">The text is not a valid env file.</exception>
    public static IReadOnlyDictionary<string, string> ReadVariables(string text, string path) =>
        Parse(text, path, new EnvFileParseOptions { Systemd = true }).Entries
            .GroupBy(e => e.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);

    private static EnvFileParseResult Parse(ReadOnlyMemory<char> text, string path, EnvFileParseOptions? options)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= new EnvFileParseOptions();
        var reader = new Reader(text, path, options);
        return options.Systemd ? reader.ParseSystemd() : reader.ParseCompose();
    }

    private sealed partial class Reader(ReadOnlyMemory<char> source, string path, EnvFileParseOptions options)
    {
        private readonly ChunkedList<EnvEntry> entries = new();

        private readonly List<string> warnings = [];

        private Dictionary<string, string>? defined;

        private readonly StringBuilder buffer = new();

        private const int MaxInterpolationDepth = 32;

        // Interpolation can multiply text (B=$A$A$A…, C=$B$B$B…): a 608-byte file once ran out of memory. One value
        // may expand to 1 MiB; keys, values and expansions in all are held to the budget every format has (KeyBudget:
        // keys of 4,096 characters, 32 Mi characters in all); past that, a located error.
        private const int MaxExpandedValue = 1 << 20;
        private readonly KeyBudget budget = new(path);

        private static readonly System.Buffers.SearchValues<char> SystemdKeyChars = System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_");


        private static readonly System.Buffers.SearchValues<char> UnquotedStops = System.Buffers.SearchValues.Create("\n\r#$");

        private static readonly System.Buffers.SearchValues<char> SingleQuotedStops = System.Buffers.SearchValues.Create("'\\");

        private static readonly System.Buffers.SearchValues<char> SingleQuotedClose = System.Buffers.SearchValues.Create("'");

        private static readonly System.Buffers.SearchValues<char> DoubleQuotedStops = System.Buffers.SearchValues.Create("\"\\$\n");

        private int interpolationDepth;

        private int pos;

        private int line = 1;

        private int lineStart;

        private ReadOnlySpan<char> text => source.Span;

        private bool AtEnd => pos >= source.Length;

        private char Current => text[pos];

        private int Column => pos - lineStart + 1;

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
            budget.Key(key.Length, keyLine, keyColumn);
            budget.Entry(key, value, keyLine, keyColumn);
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
            if (systemd)
            {
                if (!AtEnd && (char.IsAsciiLetter(Current) || Current == '_'))
                {
                    pos++;
                    var length = text[pos..].IndexOfAnyExcept(SystemdKeyChars);
                    pos = length < 0 ? text.Length : pos + length;
                }
            }
            else if (!AtEnd && !char.IsDigit(Current))
            {
                // compose-go: letters and digits of any script, '_', '.', '-', '[' and ']'.
                while (!AtEnd && (char.IsLetterOrDigit(Current) || Current is '_' or '.' or '-' or '[' or ']'))
                {
                    pos++;
                }
            }

            if (pos == start)
            {
                throw Error(keyLine, keyColumn, systemd
                    ? "expected a variable name ([A-Za-z_][A-Za-z0-9_]*) at the start of the line"
                    : "expected a variable name (letters, digits, '_', '.', '-', '[', ']'; not starting with a digit) at the start of the line");
            }

            return (text[start..pos].ToString(), keyLine, keyColumn);
        }

        private void ExpectEquals(bool orColon)
        {
            SkipBlanks();
            if (AtEnd || !(Current == '=' || (orColon && Current == ':')))
            {
                // Never quoting the line: a "name" here is often the tail of a broken multi-line secret.
                throw Error(line, Column, AtEnd || AtLineEnd()
                    ? "the line has no '=': it is not an assignment"
                    : $"unexpected character after the name: expected {(orColon ? "'=' or ':'" : "'='")}");
            }

            pos++;
        }
    }
}

