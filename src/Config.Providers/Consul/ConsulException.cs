namespace Config.Providers.Consul;

/// <summary>Consul could not be reached or answered with an error. The message names the address and key, never the token.</summary>
public sealed class ConsulException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="statusCode">The HTTP status, when Consul answered.</param>
    /// <param name="inner">The underlying error.</param>
    /// <param name="retryAfter">How long Consul (or a proxy) asked to wait before the next request, if it did.</param>
    public ConsulException(string message, int? statusCode = null, Exception? inner = null, TimeSpan? retryAfter = null)
        : base(message, inner)
    {
        StatusCode = statusCode;
        RetryAfter = retryAfter;
    }

    /// <summary>The HTTP status Consul answered with, or null when it could not be reached.</summary>
    public int? StatusCode { get; }

    /// <summary>The <c>Retry-After</c> of a 429 or 503 answer, honoured by the watches.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>
    /// Nothing answered at the address (connection refused, name not resolved): no request reached Consul, so asking
    /// again soon costs it nothing, and the watches retry within seconds to see it back at once.
    /// </summary>
    internal bool Unreachable { get; init; }
}
