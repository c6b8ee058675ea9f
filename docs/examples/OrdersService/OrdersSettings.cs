using System.ComponentModel.DataAnnotations;
using Config.Providers;

namespace OrdersService;

/// <summary>Connection settings are fixed for the life of the process; tuning knobs are [Mutable].</summary>
public sealed class OrdersSettings
{
    [Required]
    public string ServiceName { get; set; } = string.Empty;

    public DatabaseSettings Database { get; set; } = new();

    [Mutable]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    [ByteSize]
    public long MaxBodySize { get; set; } = 1024 * 1024;

    [Mutable]
    public WorkerSettings Workers { get; set; } = new();

    [Mutable]
    public List<string> FeatureFlags { get; set; } = [];
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
    [Range(1, 64)]
    public int Count { get; set; } = 4;

    public DispatchMode Mode { get; set; } = DispatchMode.RoundRobin;
}

public enum DispatchMode
{
    RoundRobin,
    LeastBusy,
}
