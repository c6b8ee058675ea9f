namespace Config.Providers.Consul;

internal sealed class HealthServiceDto
{
    public string ID { get; set; } = string.Empty;

    public string Service { get; set; } = string.Empty;

    public string Address { get; set; } = string.Empty;

    public int Port { get; set; }

    public List<string>? Tags { get; set; }

    public Dictionary<string, string>? Meta { get; set; }
}
