namespace Config.Providers.Consul;

internal sealed class HealthNodeDto
{
    public string Address { get; set; } = string.Empty;
}
