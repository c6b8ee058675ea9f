using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Config.Providers.Settings.Health;

/// <summary>Degraded while any settings change waits for a restart; names the keys, never the values.</summary>
internal sealed class SettingsHealthCheck(ISettingsChangeFeed feed) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var pending = feed.PendingRestarts;
        if (pending.Count == 0)
        {
            return Task.FromResult(HealthCheckResult.Healthy("All settings changes are applied."));
        }

        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var report in pending)
        {
            var label = SettingsLabel.Of(report.OptionsType, report.OptionsName);
            data[label] = report.Changes.Select(c => c.Key).ToArray();
        }

        var description = "Restart to apply changed settings: " + string.Join("; ", data.Select(d => $"{d.Key} ({string.Join(", ", (string[])d.Value)})"));
        return Task.FromResult(new HealthCheckResult(context.Registration.FailureStatus, description, data: data));
    }
}
