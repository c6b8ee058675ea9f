namespace Config.Providers.Benchmarks;

/// <summary>
/// A realistic service options class: nested objects, a list, a dictionary, enums, durations and URIs;
/// 40 configuration keys in all. Written so that all three binders accept the same data.
/// </summary>
public sealed class ServiceOptions
{
    public string Name { get; set; } = string.Empty;

    public string Environment { get; set; } = string.Empty;

    public int Port { get; set; }

    public bool EnableSwagger { get; set; }

    public TimeSpan RequestTimeout { get; set; }

    public Uri? PublicUrl { get; set; }

    public LogLevelOption LogLevel { get; set; }

    public DatabaseOptions Database { get; set; } = new();

    public RabbitOptions Rabbit { get; set; } = new();

    public CacheOptions Cache { get; set; } = new();

    public List<string> AllowedHosts { get; set; } = [];

    public Dictionary<string, string> Headers { get; set; } = new();

    public List<EndpointOptions> Downstream { get; set; } = [];
}

public sealed class DatabaseOptions
{
    public string Host { get; set; } = string.Empty;

    public int Port { get; set; }

    public string Name { get; set; } = string.Empty;

    public string User { get; set; } = string.Empty;

    public string Password { get; set; } = string.Empty;

    public int PoolSize { get; set; }

    public TimeSpan CommandTimeout { get; set; }

    public bool UseSsl { get; set; }
}

public sealed class RabbitOptions
{
    public string Host { get; set; } = string.Empty;

    public int Port { get; set; }

    public string VirtualHost { get; set; } = string.Empty;

    public string Exchange { get; set; } = string.Empty;

    public int Prefetch { get; set; }

    public double RetryFactor { get; set; }
}

public sealed class CacheOptions
{
    public bool Enabled { get; set; }

    public TimeSpan Ttl { get; set; }

    public long MaxEntries { get; set; }
}

public sealed class EndpointOptions
{
    public string Name { get; set; } = string.Empty;

    public Uri? Url { get; set; }

    public int Retries { get; set; }
}

public enum LogLevelOption
{
    Debug,
    Information,
    Warning,
}
