namespace Config.Providers.Consul;

internal sealed class HealthDto
{
    public HealthNodeDto? Node { get; set; }

    public HealthServiceDto? Service { get; set; }
}
