using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Config.Providers.Settings.ChangeFeed;

/// <summary>Fans reload reports out to subscribers and remembers what is pending a restart, and the latest reports.</summary>
internal sealed class SettingsChangeFeed(IServiceProvider services) : ISettingsChangeFeed
{
    /// <summary>How many reports <see cref="Recent"/> keeps.</summary>
    public const int RecentCapacity = 50;

    private readonly Queue<SettingsReloadReport> recent = new();
    private readonly ConcurrentDictionary<(Type, string), SettingsReloadReport> pending = new();
    private readonly ConcurrentDictionary<(Type, string), SettingsReloadReport> rejected = new();
    private readonly object subscribersGate = new();
    private IObserver<SettingsReloadReport>[] subscribers = [];

    public IReadOnlyList<SettingsReloadReport> PendingRestarts => pending.Values.ToArray();

    /// <summary>The last rejected reload of each settings type whose configuration is still invalid (cleared by a later good reload).</summary>
    public IReadOnlyList<SettingsReloadReport> RejectedReloads => rejected.Values.ToArray();

    /// <summary>The latest reports, oldest first (at most <see cref="RecentCapacity"/>): what the configuration inspector shows.</summary>
    public IReadOnlyList<SettingsReloadReport> Recent
    {
        get
        {
            lock (recent)
            {
                return [.. recent];
            }
        }
    }

    public IChangeToken GetChangeToken<TOptions>(string? name = null)
        where TOptions : class
    {
        // The token IOptionsMonitor<T> itself follows: AddSettings registers one source per options name, firing only
        // when mutable changes are applied.
        var wanted = name ?? Options.DefaultName;
        var source = services.GetServices<IOptionsChangeTokenSource<TOptions>>().FirstOrDefault(s => s is IAppliedChangeTokenSource && (s.Name ?? Options.DefaultName) == wanted)
            ?? throw new InvalidOperationException($"{typeof(TOptions).Name} is not registered with AddSettings<{typeof(TOptions).Name}>() for the options name '{wanted}'.");
        return source.GetChangeToken();
    }

    public IDisposable Subscribe(IObserver<SettingsReloadReport> observer)
    {
        lock (subscribersGate)
        {
            subscribers = [.. subscribers, observer];
        }

        return new Subscription(this, observer);
    }

    /// <summary>
    /// Records the report; returns the observers that threw, so the caller can log them, and whether a pending restart
    /// cleared (its values were changed back).
    /// </summary>
    public (IReadOnlyList<Exception> Failures, bool PendingCleared) Publish(SettingsReloadReport report, IReadOnlyList<SettingChange> pendingChanges)
    {
        var key = (report.OptionsType, report.OptionsName);
        var cleared = false;
        lock (recent)
        {
            recent.Enqueue(report);
            if (recent.Count > RecentCapacity)
            {
                recent.Dequeue();
            }
        }

        if (report.Outcome == ReloadOutcome.Rejected)
        {
            rejected[key] = report;
        }
        else
        {
            rejected.TryRemove(key, out _);
            if (pendingChanges.Count > 0)
            {
                pending[key] = report with { Changes = pendingChanges };
            }
            else
            {
                cleared = pending.TryRemove(key, out _);
            }
        }

        List<Exception>? failures = null;
        foreach (var observer in Volatile.Read(ref subscribers))
        {
            try
            {
                observer.OnNext(report);
            }
            catch (Exception e)
            {
                (failures ??= []).Add(e);
            }
        }

        return (failures ?? (IReadOnlyList<Exception>)[], cleared);
    }

    private sealed class Subscription(SettingsChangeFeed feed, IObserver<SettingsReloadReport> observer) : IDisposable
    {
        public void Dispose()
        {
            lock (feed.subscribersGate)
            {
                feed.subscribers = feed.subscribers.Where(o => !ReferenceEquals(o, observer)).ToArray();
            }
        }
    }
}
