using System.Globalization;

namespace Config.Providers.Files;

/// <summary>Where a key's value was read: a source description and a position, formatted only when asked for.</summary>
/// <param name="Source">The source and file, such as <c>yaml config.yaml</c> or <c>env file .env</c>.</param>
/// <param name="Line">1-based line, or 0 when the source has no lines (a Consul key).</param>
/// <param name="Column">1-based column, or 0 when only the line is known.</param>
public readonly record struct KeyOrigin(string Source, int Line, int Column = 0)
{
    /// <summary><c>SOURCE</c>, <c>SOURCE:LINE</c> or <c>SOURCE:LINE:COLUMN</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => Line <= 0 ? Source : Column > 0
        ? string.Create(CultureInfo.InvariantCulture, $"{Source}:{Line}:{Column}")
        : string.Create(CultureInfo.InvariantCulture, $"{Source}:{Line}");
}
