using System.ComponentModel.DataAnnotations;
using Config.Providers;

namespace OrdersService;

/// <summary>Connection settings are fixed for the life of the process; tuning knobs are [Mutable].</summary>
public sealed class OrdersSettings
{
    /// <summary>The name this service registers and logs under.</summary>
    [Required]
    public string ServiceName { get; set; } = string.Empty;

    public DatabaseSettings Database { get; set; } = new();

    /// <summary>How long a request to the database may take before it is abandoned.</summary>
    [Mutable]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest request body accepted.</summary>
    [ByteSize]
    public long MaxBodySize { get; set; } = 1024 * 1024;

    [Mutable]
    public WorkerSettings Workers { get; set; } = new();

    [Mutable]
    public List<string> FeatureFlags { get; set; } = [];

    /// <summary>Signs the webhooks this service sends: a secret, though its name does not say so.</summary>
    [Secret]
    public string? WebhookSigning { get; set; }
}

public sealed record DatabaseSettings
{
    [Required]
    public string Host { get; init; } = string.Empty;

    [Range(1, 65535)]
    public int Port { get; init; } = 5432;

    [Secret]
    public string Password { get; init; } = string.Empty;
}

public sealed class WorkerSettings
{
    /// <summary>How many workers take orders from the queue.</summary>
    [Range(1, 64)]
    public int Count { get; set; } = 4;

    public DispatchMode Mode { get; set; } = DispatchMode.RoundRobin;
}

public enum DispatchMode
{
    RoundRobin,
    LeastBusy,
}
