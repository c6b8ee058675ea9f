namespace Config.Providers.Consul;

/// <summary>Reads a response body whole, refusing one over a size limit before it is held in memory.</summary>
internal static class ConsulResponseBody
{
    private const int ChunkSize = 64 * 1024;

    /// <summary>The body, or null when it is larger than <paramref name="limit"/> bytes (announced or streamed).</summary>
    public static async Task<byte[]?> ReadAsync(HttpContent content, long limit, CancellationToken cancellationToken)
    {
        var announced = content.Headers.ContentLength;
        if (announced > limit)
        {
            return null;
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream(announced is { } length ? (int)length : ChunkSize);
        var chunk = new byte[ChunkSize];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.Length == buffer.Capacity ? buffer.GetBuffer() : buffer.ToArray();
    }
}
