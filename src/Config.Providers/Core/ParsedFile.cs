namespace Config.Providers.Core;

/// <summary>What a file parser produced: configuration keys and values, and where each key came from.</summary>
/// <param name="Data">Configuration keys (with <c>:</c> separators) and values.</param>
/// <param name="Origins">For each key, where it was read (formatted as <c>env file .env:3</c>).</param>
/// <param name="Warnings">Legal but suspicious things, each starting with <c>PATH:LINE:COLUMN:</c>.</param>
internal sealed record ParsedFile(IDictionary<string, string?> Data, KeyOrigins Origins, IReadOnlyList<string> Warnings)
{
    /// <summary>An empty file.</summary>
    public static ParsedFile Empty { get; } = new(
        new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase),
        new KeyOrigins(),
        []);
}
