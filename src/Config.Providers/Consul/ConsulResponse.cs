using System.Net;
using System.Text;

namespace Config.Providers.Consul;

/// <summary>
/// One answer from Consul while it is being read: status, index header, and the body as a stream limited to the
/// client's size limit — read under the same deadline as the request, so a body that stalls or drops fails it.
/// </summary>
internal sealed class ConsulResponse(HttpStatusCode status, string? reason, ulong index, string? mediaType, TimeSpan? retryAfter, Stream body, Uri? location = null)
{
    private const int QuotedLength = 200;

    public HttpStatusCode Status { get; } = status;

    public string? Reason { get; } = reason;

    /// <summary>The <c>X-Consul-Index</c> header, or 0 when missing (the watch loop handles 0).</summary>
    public ulong Index { get; } = index;

    public string? MediaType { get; } = mediaType;

    public TimeSpan? RetryAfter { get; } = retryAfter;

    public Stream Body { get; } = body;

    /// <summary>Where a redirect pointed (<c>Location</c>), never followed.</summary>
    public Uri? Location { get; } = location;

    public bool IsSuccess => (int)Status is >= 200 and < 300;

    /// <summary>
    /// Consul's own words on an error answer ("No cluster leader", "Permission denied"), one line, shortened, control
    /// characters escaped (<c>\u001B</c>). Consul's error bodies are plain text; anything else (an HTML page) is not quoted.
    /// </summary>
    public async Task<string> QuoteTextAsync(CancellationToken cancellationToken)
    {
        if (MediaType is { } media && !media.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase))
        {
            return string.Empty;
        }

        var buffer = new byte[QuotedLength * 4];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await Body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
        {
            length += read;
        }

        var text = Encoding.UTF8.GetString(buffer, 0, length);
        var line = string.Join(' ', text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        line = line.Length <= QuotedLength ? line : line[..QuotedLength] + "…";

        // A peer's words go into logs and terminals: control characters (ESC, BEL …) are shown, not sent.
        return line.Any(char.IsControl) ? string.Concat(line.Select(c => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString())) : line;
    }
}
