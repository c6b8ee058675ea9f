using Config.Providers.Health;
using Config.Providers.Settings.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the library's health checks: the configuration sources, and settings that wait for a restart.</summary>
public static class ConfigurationHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds a health check that reports <see cref="HealthStatus.Degraded"/> (or <paramref name="failureStatus"/>) while any
    /// configuration source serves stale data — Consul unreachable and its last good values (or the snapshot) in use, a
    /// Consul key or a file kept at its last good data after a bad reload — or a settings reload was rejected. The
    /// description and data name each source, what is stale, why and since when; it is Healthy again once they recover.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name.</param>
    /// <param name="failureStatus">The status while something is stale; Degraded when null.</param>
    /// <param name="tags">Tags for filtering checks.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IHealthChecksBuilder AddConfigurationSourcesCheck(this IHealthChecksBuilder builder, string name = "configuration-sources", HealthStatus? failureStatus = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddCheck<ConfigurationSourcesHealthCheck>(name, failureStatus ?? HealthStatus.Degraded, tags ?? []);
    }

    /// <summary>
    /// Adds a health check that reports <see cref="HealthStatus.Degraded"/> (or <paramref name="failureStatus"/>) while
    /// a changed setting that is not <c>[Mutable]</c> waits for a restart, naming the settings type and keys.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name.</param>
    /// <param name="failureStatus">The status while a restart is pending; Degraded when null.</param>
    /// <param name="tags">Tags for filtering checks.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IHealthChecksBuilder AddSettingsCheck(this IHealthChecksBuilder builder, string name = "settings", HealthStatus? failureStatus = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddCheck<SettingsHealthCheck>(name, failureStatus ?? HealthStatus.Degraded, tags ?? []);
    }
}
