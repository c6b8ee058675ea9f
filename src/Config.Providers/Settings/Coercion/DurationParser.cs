using System.Globalization;
using System.Xml;

namespace Config.Providers.Settings.Coercion;

/// <summary>
/// Parses durations the way operators write them: <c>250ms</c>, <c>30s</c>, <c>5m</c>, <c>1h30m</c>, <c>2d</c>,
/// ISO 8601 (<c>PT30S</c>) or <c>[d.]hh:mm:ss[.fff]</c>. A bare number is rejected: <see cref="TimeSpan.Parse(string)"/>
/// would read <c>30</c> as thirty days, which is never what someone who wrote "30" meant.
/// </summary>
internal static class DurationParser
{
    internal const string Forms = "use a unit (250ms, 30s, 5m, 1h30m, 2d), hh:mm:ss, or ISO 8601 (PT30S)";

    /// <summary>
    /// The forms above as an ECMA-262 pattern, for the settings JSON Schema (editors check it; <see cref="TryParse"/>
    /// stays the judge: a unit twice or an overflow passes the pattern and fails here). Kept in step by a test.
    /// </summary>
    internal const string SchemaPattern =
        @"^\s*-?(?:(?:[0-9]+(?:\.[0-9]+)?\s*(?:[mM][sS]|[sSmMhHdD])\s*)+|(?:[0-9]+\.)?[0-9]+:[0-9]+(?::[0-9]+(?:\.[0-9]+)?)?|[pP](?:[0-9]+[dD])?(?:[tT](?:[0-9]+[hH])?(?:[0-9]+[mM])?(?:[0-9]+(?:\.[0-9]+)?[sS])?)?)\s*$";

    public static bool TryParse(string text, out TimeSpan value, out string? error)
    {
        value = default;
        var s = text.AsSpan().Trim();
        if (s.IsEmpty)
        {
            error = $"empty; {Forms}";
            return false;
        }

        if (s.Contains(':'))
        {
            if (TimeSpan.TryParse(s, CultureInfo.InvariantCulture, out value))
            {
                error = null;
                return true;
            }

            error = $"not a valid [d.]hh:mm:ss[.fff] duration; {Forms}";
            return false;
        }

        var unsigned = s[0] == '-' ? s[1..] : s;
        if (!unsigned.IsEmpty && (unsigned[0] == 'P' || unsigned[0] == 'p'))
        {
            return TryParseIso8601(s.ToString(), out value, out error);
        }

        return TryParseUnits(s, out value, out error);
    }

    private static bool TryParseIso8601(string s, out TimeSpan value, out string? error)
    {
        try
        {
            value = XmlConvert.ToTimeSpan(s.ToUpperInvariant());
            error = null;
            return true;
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            value = default;
            error = $"not a valid ISO 8601 duration; {Forms}";
            return false;
        }
    }

    private static bool TryParseUnits(ReadOnlySpan<char> s, out TimeSpan value, out string? error)
    {
        value = default;
        var negative = s[0] == '-';
        if (negative)
        {
            s = s[1..];
        }

        decimal ticks = 0;
        var seenUnits = 0;
        var components = 0;
        while (true)
        {
            s = s.TrimStart();
            if (s.IsEmpty)
            {
                break;
            }

            var numberLength = 0;
            while (numberLength < s.Length && (char.IsAsciiDigit(s[numberLength]) || s[numberLength] == '.'))
            {
                numberLength++;
            }

            if (numberLength == 0 || !decimal.TryParse(s[..numberLength], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                error = $"not a duration; {Forms}";
                return false;
            }

            s = s[numberLength..];
            var unitLength = 0;
            while (unitLength < s.Length && char.IsAsciiLetter(s[unitLength]))
            {
                unitLength++;
            }

            if (unitLength == 0)
            {
                error = components == 0
                    ? $"a bare number is ambiguous; {Forms}"
                    : $"the last number has no unit; {Forms}";
                return false;
            }

            var (unitTicks, unitBit) = Unit(s[..unitLength]);
            if (unitTicks == 0)
            {
                error = $"unknown unit '{s[..unitLength].ToString()}' (known: ms, s, m, h, d); {Forms}";
                return false;
            }

            if ((seenUnits & unitBit) != 0)
            {
                error = $"unit '{s[..unitLength].ToString()}' appears twice; {Forms}";
                return false;
            }

            seenUnits |= unitBit;
            components++;
            ticks += number * unitTicks;
            if (ticks > TimeSpan.MaxValue.Ticks)
            {
                error = "out of range: longer than TimeSpan.MaxValue";
                return false;
            }

            s = s[unitLength..];
        }

        if (components == 0)
        {
            error = $"not a duration; {Forms}";
            return false;
        }

        var whole = decimal.Round(ticks);
        value = TimeSpan.FromTicks((long)(negative ? -whole : whole));
        error = null;
        return true;
    }

    private static (long Ticks, int Bit) Unit(ReadOnlySpan<char> unit)
    {
        if (unit.Equals("ms", StringComparison.OrdinalIgnoreCase)) return (TimeSpan.TicksPerMillisecond, 1);
        if (unit.Equals("s", StringComparison.OrdinalIgnoreCase)) return (TimeSpan.TicksPerSecond, 2);
        if (unit.Equals("m", StringComparison.OrdinalIgnoreCase)) return (TimeSpan.TicksPerMinute, 4);
        if (unit.Equals("h", StringComparison.OrdinalIgnoreCase)) return (TimeSpan.TicksPerHour, 8);
        if (unit.Equals("d", StringComparison.OrdinalIgnoreCase)) return (TimeSpan.TicksPerDay, 16);
        return (0, 0);
    }
}
