using System.Globalization;

namespace Config.Providers.Files;

/// <summary>
/// Orders the version values of generated files: integers and decimals by value, dotted versions (<c>1.2.10</c>) by
/// part, ISO 8601 timestamps by the instant they name (offsets and fractions of a second counted). Never as strings:
/// <c>…10:00:00.5Z</c> is after <c>…10:00:00Z</c>, and <c>12:00+02:00</c> is before <c>11:00Z</c>. Two versions of
/// different kinds (or text that is none of these) cannot be ordered.
/// </summary>
internal static class FileVersions
{
    private static readonly string[] TimestampFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK", "yyyy-MM-dd",
    ];

    /// <summary>Negative when <paramref name="a"/> is older, positive when newer, zero when the same; null when they cannot be ordered.</summary>
    public static int? Compare(string a, string b)
    {
        if (decimal.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && decimal.TryParse(b, NumberStyles.Float, CultureInfo.InvariantCulture, out var y))
        {
            return x.CompareTo(y);
        }

        if (Version.TryParse(a, out var va) && Version.TryParse(b, out var vb))
        {
            return va.CompareTo(vb);
        }

        if (TryTimestamp(a, out var ta) && TryTimestamp(b, out var tb))
        {
            return ta.UtcTicks.CompareTo(tb.UtcTicks);
        }

        return null;
    }

    /// <summary>An ISO 8601 date and time; without an offset it is taken as UTC, as generators write it.</summary>
    private static bool TryTimestamp(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParseExact(text.Trim(), TimestampFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
}
