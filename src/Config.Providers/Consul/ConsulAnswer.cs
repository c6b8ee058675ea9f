using System.Net;
using System.Text;

namespace Config.Providers.Consul;

/// <summary>One complete answer from Consul: status, index header and the whole body, read under one deadline.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Reason">The reason phrase.</param>
/// <param name="Index">The <c>X-Consul-Index</c> header, or 0 when missing.</param>
/// <param name="Body">The body.</param>
/// <param name="MediaType">The body's media type, when given.</param>
/// <param name="RetryAfter">The <c>Retry-After</c> header, when given.</param>
internal sealed record ConsulAnswer(HttpStatusCode Status, string? Reason, ulong Index, byte[] Body, string? MediaType, TimeSpan? RetryAfter)
{
    private const int QuotedLength = 200;

    public bool IsSuccess => (int)Status is >= 200 and < 300;

    /// <summary>
    /// Consul's own words on an error answer ("No cluster leader", "Permission denied"), one line, shortened. Consul's
    /// error bodies are plain text; anything else (an HTML page) is not quoted.
    /// </summary>
    public string QuoteText()
    {
        if (Body.Length == 0 || MediaType is { } media && !media.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase))
        {
            return string.Empty;
        }

        var text = Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, QuotedLength * 4));
        var line = string.Join(' ', text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length <= QuotedLength ? line : line[..QuotedLength] + "…";
    }
}
