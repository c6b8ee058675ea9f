using Config.Providers.Settings.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the health check of settings that wait for a restart.</summary>
public static class SettingsHealthChecksBuilderExtensions
{
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
