namespace Config.Providers.Consul;

/// <summary>Consul could not be reached or answered with an error. The message names the address and key, never the token.</summary>
public sealed class ConsulException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="statusCode">The HTTP status, when Consul answered.</param>
    /// <param name="inner">The underlying error.</param>
    public ConsulException(string message, int? statusCode = null, Exception? inner = null)
        : base(message, inner)
    {
        StatusCode = statusCode;
    }

    /// <summary>The HTTP status Consul answered with, or null when it could not be reached.</summary>
    public int? StatusCode { get; }
}
