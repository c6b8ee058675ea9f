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

    /// <summary>
    /// Adds one Consul key holding a whole JSON or YAML document, expanded at the top of the configuration and watched —
    /// Winton's layout, where <c>App/Env</c> holds the application's settings. No folders are read; add them back with
    /// <paramref name="configure"/> (<see cref="ConsulKvConfigurationSource.FolderLayout"/>) if wanted.
    /// </summary>
    /// <param name="builder">The configuration builder.</param>
    /// <param name="key">The full Consul key, such as <c>orders/Production</c>.</param>
    /// <param name="configure">Sets up the rest of the source (address, timeouts, snapshot …), or null.</param>
    /// <returns>The builder.</returns>
    public static IConfigurationBuilder AddConsulKvDocument(this IConfigurationBuilder builder, string key, Action<ConsulKvConfigurationSource>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        return builder.AddConsulKv(source =>
        {
            source.FolderLayout.Clear();
            source.DocumentKeys.Add(key);
            configure?.Invoke(source);
        });
    }

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
