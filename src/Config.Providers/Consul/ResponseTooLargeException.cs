namespace Config.Providers.Consul;

/// <summary>Thrown by <see cref="LimitedReadStream"/>; the client turns it into a <see cref="ConsulException"/> naming the limit.</summary>
internal sealed class ResponseTooLargeException() : IOException("the answer exceeds the size limit");
