using System.ComponentModel.DataAnnotations;
using Config.Providers;

namespace AotService;

public enum Tier
{
    Bronze,
    Silver,
    Gold,
}

/// <summary>A positional record: bound through its constructor.</summary>
public sealed record Database(string Host, int Port = 5432, [property: Secret] string? Password = null);

/// <summary>Every kind of member the settings source generator describes.</summary>
public sealed class AotSettings
{
    public required Database Database { get; init; }

    public List<int> Ports { get; set; } = [];

    public Dictionary<string, int> Limits { get; set; } = new();

    [Mutable]
    public Tier Tier { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    [ByteSize]
    public long MaxBody { get; set; }

    public Uri? Api { get; set; }

    public ServiceEndpoint? Queue { get; set; }

    public string[] Tags { get; set; } = [];

    [Range(1, 64)]
    public int Workers { get; set; } = 4;
}
