namespace Config.Providers;

/// <summary>
/// Implemented by configuration providers that can say exactly where a key's value came from
/// (<c>env file .env:3</c>, <c>consul config/orders/Database/Port</c>), so that errors and tools can name it.
/// </summary>
public interface IConfigurationOrigins
{
    /// <summary>Describes where the value of <paramref name="key"/> came from.</summary>
    /// <param name="key">The full configuration key.</param>
    /// <param name="origin">A short description such as <c>yaml config.yaml:12:5</c>.</param>
    /// <returns>True when this provider supplied the key and knows where it came from.</returns>
    bool TryGetOrigin(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? origin);
}
