using System.Globalization;
using Config.Providers.Diagnostics;
using Config.Providers.Settings;
using Config.Providers.Settings.ChangeFeed;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Config.Providers.Health;

/// <summary>
/// Degraded while any configuration source serves stale data — Consul unreachable (last good values or the snapshot),
/// a Consul key or a file kept at its last good data after a bad reload — or a settings reload was rejected, or a
/// source read with warnings (an unset <c>${VAR}</c>); names the source, the part, the reason and since when. Never a value.
/// </summary>
internal sealed class ConfigurationSourcesHealthCheck(IServiceProvider services) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var problems = new List<(string Label, string Reason, DateTimeOffset Since)>();
        var warnings = new List<string>();
        var sources = 0;
        if (services.GetService<IConfiguration>() is IConfigurationRoot root)
        {
            foreach (var status in SourceStatuses.Of(root))
            {
                sources++;
                problems.AddRange(status.Problems.Select(p => ($"{p.Source}: {p.Part}", p.Reason, p.Since)));
                warnings.AddRange(status.Warnings);
            }
        }

        if (services.GetService<SettingsChangeFeed>() is { } feed)
        {
            foreach (var report in feed.RejectedReloads)
            {
                var type = SettingsLabel.Of(report.OptionsType, report.OptionsName);
                problems.Add(($"settings {type}", "a reload was rejected; the last good values stay: " + string.Join("; ", report.Problems), report.Timestamp));
            }
        }

        if (problems.Count == 0 && warnings.Count == 0)
        {
            return Task.FromResult(HealthCheckResult.Healthy($"{sources} configuration source(s) current."));
        }

        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (label, reason, since) in problems.OrderBy(p => p.Since))
        {
            data[label] = $"{reason} (since {since.ToString("O", CultureInfo.InvariantCulture)})";
        }

        var descriptions = new List<string>();
        if (problems.Count > 0)
        {
            descriptions.Add("Serving stale configuration: " + string.Join("; ", data.Select(d => $"{d.Key} — {d.Value}")));
        }

        if (warnings.Count > 0)
        {
            // A warning is something read that is probably not what was meant (an unset ${DB_PASSWORD} that became
            // empty): the sources are current, but the service runs on it, so it is not Healthy.
            for (var i = 0; i < warnings.Count; i++)
            {
                data[$"warning {i + 1}"] = warnings[i];
            }

            descriptions.Add("Configuration read with warnings: " + string.Join("; ", warnings));
        }

        return Task.FromResult(new HealthCheckResult(context.Registration.FailureStatus, string.Join(" ", descriptions), data: data));
    }
}
