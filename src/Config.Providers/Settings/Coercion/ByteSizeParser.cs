using System.Globalization;

namespace Config.Providers.Settings.Coercion;

/// <summary>
/// Parses byte sizes: a number with an optional unit. Decimal units (KB, MB, GB, TB, PB; also k, M, G …)
/// are powers of 1000, binary units (KiB, MiB, GiB, TiB, PiB; also Ki, Mi, Gi …) powers of 1024, as in IEC 80000-13.
/// </summary>
internal static class ByteSizeParser
{
    internal const string Forms = "a number of bytes with an optional unit (512, 64KB, 64KiB, 1.5MB, 2GiB)";

    /// <summary>The forms above as an ECMA-262 pattern for the settings JSON Schema; kept in step with the parser by a test.</summary>
    internal const string SchemaPattern = @"^\s*[-+]?[0-9]+(?:\.[0-9]+)?\s*(?:[bB]|[kKmMgGtTpP](?:[iI]?[bB]?))?\s*$";

    private static readonly (string Unit, decimal Factor)[] Units =
    [
        ("B", 1m),
        ("KB", 1e3m), ("K", 1e3m), ("KiB", 1024m), ("Ki", 1024m),
        ("MB", 1e6m), ("M", 1e6m), ("MiB", 1048576m), ("Mi", 1048576m),
        ("GB", 1e9m), ("G", 1e9m), ("GiB", 1073741824m), ("Gi", 1073741824m),
        ("TB", 1e12m), ("T", 1e12m), ("TiB", 1099511627776m), ("Ti", 1099511627776m),
        ("PB", 1e15m), ("P", 1e15m), ("PiB", 1125899906842624m), ("Pi", 1125899906842624m),
    ];

    public static bool TryParse(string text, out decimal bytes, out string? error)
    {
        bytes = 0;
        var s = text.AsSpan().Trim();
        var numberLength = 0;
        while (numberLength < s.Length && (char.IsAsciiDigit(s[numberLength]) || s[numberLength] is '.' or '-' or '+'))
        {
            numberLength++;
        }

        if (numberLength == 0 || !decimal.TryParse(s[..numberLength], NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            error = $"expected {Forms}";
            return false;
        }

        var unit = s[numberLength..].Trim();
        var factor = 1m;
        if (!unit.IsEmpty)
        {
            factor = 0m;
            foreach (var (name, f) in Units)
            {
                if (unit.Equals(name, StringComparison.OrdinalIgnoreCase))
                {
                    factor = f;
                    break;
                }
            }

            if (factor == 0m)
            {
                error = $"unknown unit '{unit.ToString()}'; expected {Forms}";
                return false;
            }
        }

        try
        {
            bytes = number * factor;
        }
        catch (OverflowException)
        {
            error = "out of range";
            return false;
        }

        if (bytes != decimal.Truncate(bytes))
        {
            error = "not a whole number of bytes";
            return false;
        }

        error = null;
        return true;
    }
}
