using System.Diagnostics.Metrics;
using Config.Providers.Diagnostics;

namespace Config.Providers.Settings.Diagnostics;

/// <summary>Counters of the settings pipeline, on the meter <see cref="SourceMetrics.MeterName"/> (documented in docs/diagnostics.md).</summary>
internal sealed class SettingsMetrics : IDisposable
{
    private readonly Meter meter;
    private readonly bool ownsMeter;
    private readonly Counter<long> reloads;
    private readonly Counter<long> failures;

    public SettingsMetrics(IMeterFactory? meterFactory = null)
    {
        ownsMeter = meterFactory is null;
        meter = meterFactory?.Create(SourceMetrics.MeterName) ?? new Meter(SourceMetrics.MeterName);
        reloads = meter.CreateCounter<long>("config_providers.settings.reloads", "{reload}", "Configuration reloads processed per settings type, by outcome.");
        failures = meter.CreateCounter<long>("config_providers.settings.validation_failures", "{problem}", "Problems found in rejected settings (conversion and validation), per settings type.");
    }

    public void Reload(string optionsType, ReloadOutcome outcome, int problems)
    {
        var tags = new KeyValuePair<string, object?>[] { new("options_type", optionsType), new("outcome", outcome.ToString()) };
        reloads.Add(1, tags);
        if (problems > 0)
        {
            failures.Add(problems, new KeyValuePair<string, object?>("options_type", optionsType));
        }
    }

    public void Dispose()
    {
        // A meter from IMeterFactory belongs to the factory, which disposes it.
        if (ownsMeter)
        {
            meter.Dispose();
        }
    }
}
