using System.Globalization;

namespace Config.Providers.Core;

/// <summary>Where a key's value was read: a source description and a position, formatted only when asked for.</summary>
/// <param name="Source">The source and file, such as <c>yaml config.yaml</c> or <c>env file .env</c>.</param>
/// <param name="Line">1-based line, or 0 when the source has no lines (a Consul key).</param>
/// <param name="Column">1-based column, or 0 when only the line is known.</param>
internal readonly record struct KeyOrigin(string Source, int Line, int Column = 0)
{
    /// <summary>Printed before <see cref="Source"/> with a space (<c>consul</c>), so providers need not build a string per key.</summary>
    public string? Kind { get; init; }

    /// <summary>A version printed as <c>(index N)</c> after the source when above 0 (Consul's ModifyIndex).</summary>
    public ulong Index { get; init; }

    /// <summary><c>SOURCE</c>, <c>SOURCE:LINE</c> or <c>SOURCE:LINE:COLUMN</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString()
    {
        var source = Kind is null ? Source : $"{Kind} {Source}";
        if (Index > 0)
        {
            source = string.Create(CultureInfo.InvariantCulture, $"{source} (index {Index})");
        }

        return Line <= 0 ? source : Column > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{source}:{Line}:{Column}")
            : string.Create(CultureInfo.InvariantCulture, $"{source}:{Line}");
    }
}
