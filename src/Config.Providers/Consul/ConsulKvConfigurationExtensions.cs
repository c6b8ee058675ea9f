using Config.Providers.Consul;

namespace Microsoft.Extensions.Configuration;

/// <summary>Adds Consul's key/value store to configuration.</summary>
public static class ConsulKvConfigurationExtensions
{
    /// <summary>
    /// Adds the Consul folders of <paramref name="service"/> (<c>config/application/</c>, <c>config/application,{environment}/</c>,
    /// <c>config/{service}/</c>, <c>config/{service},{environment}/</c>), locating Consul from the environment, watching for changes.
    /// </summary>
    /// <param name="builder">The configuration builder.</param>
    /// <param name="service">This service's name.</param>
    /// <param name="environment">The environment name, or null.</param>
    /// <returns>The builder.</returns>
    public static IConfigurationBuilder AddConsulKv(this IConfigurationBuilder builder, string service, string? environment = null) =>
        builder.AddConsulKv(source =>
        {
            source.Service = service;
            source.Environment = environment;
        });

    /// <summary>Adds Consul KV configured by <paramref name="configure"/>.</summary>
    /// <param name="builder">The configuration builder.</param>
    /// <param name="configure">Sets up the source.</param>
    /// <returns>The builder.</returns>
    public static IConfigurationBuilder AddConsulKv(this IConfigurationBuilder builder, Action<ConsulKvConfigurationSource> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var source = new ConsulKvConfigurationSource();
        configure(source);
        return builder.Add(source);
    }
}
