using System.Globalization;

namespace Config.Providers.Files;

/// <summary>Orders the version values of generated files: numbers numerically, dotted versions by part, anything else (ISO 8601 timestamps) ordinally.</summary>
internal static class FileVersions
{
    public static int Compare(string a, string b)
    {
        if (decimal.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && decimal.TryParse(b, NumberStyles.Float, CultureInfo.InvariantCulture, out var y))
        {
            return x.CompareTo(y);
        }

        if (Version.TryParse(a, out var va) && Version.TryParse(b, out var vb))
        {
            return va.CompareTo(vb);
        }

        return string.CompareOrdinal(a, b);
    }
}
