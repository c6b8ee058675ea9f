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

/// <summary>Every kind of member the settings source generator describes, and every DataAnnotations attribute docs/aot.md lists.</summary>
public sealed class AotSettings
{
    public required Database Database { get; init; }

    // The framework's length attributes warn (IL2026) where they are used: they find Count by reflection for types
    // that are not strings or collections. On a list, an array or a string they do not (docs/aot.md).
#pragma warning disable IL2026
    [MinLength(1)]
    public List<int> Ports { get; set; } = [];

    public Dictionary<string, int> Limits { get; set; } = new();

    [Mutable]
    public Tier Tier { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    [ByteSize]
    public long MaxBody { get; set; }

    public Uri? Api { get; set; }

    public ServiceEndpoint? Queue { get; set; }

    [MaxLength(8)]
    public string[] Tags { get; set; } = [];

    [Length(2, 16)]
    [RegularExpression("^[a-z0-9-]+$")]
    public string Region { get; set; } = "eu-west";
#pragma warning restore IL2026

    [EmailAddress]
    public string? Owner { get; set; }

    [Range(1, 64)]
    public int Workers { get; set; } = 4;
}
