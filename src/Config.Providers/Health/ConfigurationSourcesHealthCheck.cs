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
/// a Consul key or a file kept at its last good data after a bad reload — or a settings reload was rejected; names
/// the source, the part, the reason and since when. Never a value.
/// </summary>
internal sealed class ConfigurationSourcesHealthCheck(IServiceProvider services) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var problems = new List<(string Label, string Reason, DateTimeOffset Since)>();
        var sources = 0;
        if (services.GetService<IConfiguration>() is IConfigurationRoot root)
        {
            foreach (var status in Statuses(root))
            {
                sources++;
                problems.AddRange(status.Problems.Select(p => ($"{p.Source}: {p.Part}", p.Reason, p.Since)));
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

        if (problems.Count == 0)
        {
            return Task.FromResult(HealthCheckResult.Healthy($"{sources} configuration source(s) current."));
        }

        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (label, reason, since) in problems.OrderBy(p => p.Since))
        {
            data[label] = $"{reason} (since {since.ToString("O", CultureInfo.InvariantCulture)})";
        }

        var description = "Serving stale configuration: " + string.Join("; ", data.Select(d => $"{d.Key} — {d.Value}"));
        return Task.FromResult(new HealthCheckResult(context.Registration.FailureStatus, description, data: data));
    }

    /// <summary>Every provider that reports its status, looking through chained configurations (AddServiceDiscovery's).</summary>
    internal static IEnumerable<SourceStatus> Statuses(IConfigurationRoot root)
    {
        foreach (var provider in root.Providers)
        {
            if (provider is ChainedConfigurationProvider { Configuration: IConfigurationRoot inner })
            {
                foreach (var status in Statuses(inner))
                {
                    yield return status;
                }
            }
            else if (provider is ISourceStatusProvider reporting)
            {
                yield return reporting.Status;
            }
            else if (provider is ISourceStatusGroup group)
            {
                foreach (var status in group.Statuses)
                {
                    yield return status;
                }
            }
        }
    }
}
