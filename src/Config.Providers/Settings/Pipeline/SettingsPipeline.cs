using System.Diagnostics.CodeAnalysis;
using Config.Providers.Settings.Binding;
using Config.Providers.Settings.ChangeFeed;
using Config.Providers.Settings.Diagnostics;
using Config.Providers.Settings.Redaction;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Config.Providers.Settings.Pipeline;

/// <summary>
/// Owns the running value of one settings type and name. Built on first use (throwing
/// <see cref="OptionsValidationException"/> when invalid, so the host does not start); after that, each
/// configuration reload is bound and validated as a candidate, diffed against the running value, and then
/// applied (mutable changes), held back (immutable changes, pending restart) or rejected (invalid) — the
/// running value is never replaced by an invalid one, so <see cref="Current"/> never throws after startup.
/// Binding and validation run outside the lock; only the swap is under it.
/// </summary>
internal sealed class SettingsPipeline<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] T> : IDisposable
    where T : class
{
    private readonly SettingsDefinition<T> definition;
    private readonly SettingsBuilder<T> builder;
    private readonly IConfiguration configuration;
    private readonly SettingsChangeFeed feed;
    private readonly HashSet<string> warned = new(StringComparer.OrdinalIgnoreCase);
    private readonly SettingsMetrics metrics;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly IServiceProvider services;
    private readonly object gate = new();
    private readonly SerialDispatcher after = new();
    private readonly string typeName = typeof(T).Name;

    private CancellationTokenSource applied = new();
    private T? current;
    private RawSnapshot? running;
    private IDisposable? reloadSubscription;
    private bool disposed;

    // Reload generations: each configuration change gets the next number when it arrives; the newest one decided
    // wins, so a slow reload of older configuration cannot overwrite a newer one.
    private long requested;
    private long decided;

    public SettingsPipeline(SettingsDefinition<T> definition, SettingsServices shared)
    {
        this.definition = definition;
        services = shared.Provider;
        builder = new SettingsBuilder<T>(definition, shared);
        configuration = shared.Configuration;
        feed = shared.Feed;
        metrics = shared.Metrics;
        time = shared.Time;
        logger = shared.Logger;
    }

    /// <summary>Fires when a reload applies mutable changes, and only then.</summary>
    public IChangeToken ChangeToken
    {
        get
        {
            lock (gate)
            {
                return new CancellationChangeToken(applied.Token);
            }
        }
    }

    /// <summary>The running value. Throws <see cref="OptionsValidationException"/> only until the first valid build.</summary>
    public T Current
    {
        get
        {
            var value = Volatile.Read(ref current);
            if (value is not null)
            {
                return value;
            }

            // Bound and validated outside the lock (user code: constructors, converters, validators); two first readers
            // may both build, and the first to finish is kept.
            var build = builder.Build(configuration, configuration);
            lock (gate)
            {
                value = current ?? First(build);
            }

            after.Drain();
            return value;
        }
    }

    public void Dispose()
    {
        IDisposable? subscription;
        lock (gate)
        {
            disposed = true;
            (subscription, reloadSubscription) = (reloadSubscription, null);
            applied.Dispose();
        }

        // After the lock: disposing the subscription waits for a reload callback already running, and that callback
        // takes the lock to commit (it then sees the pipeline disposed and stops) — waiting under the lock deadlocked
        // a host disposed while Consul delivered a change.
        subscription?.Dispose();
    }

    private T First(SettingsBuild<T> build)
    {
        if (!build.IsValid)
        {
            throw new Validation.SettingsValidationException(definition.Name, typeof(T), definition.SectionPath, [.. build.Problems.Select(p => p.ToString())]);
        }

        WarnOnce(build.Warnings);
        running = build.Raw;
        Volatile.Write(ref current, build.Instance);
        after.Enqueue(() => SettingsLog.Bound(logger, typeName, definition.Name, definition.SectionPath));
        reloadSubscription = Microsoft.Extensions.Primitives.ChangeToken.OnChange(configuration.GetReloadToken, OnReload);
        return build.Instance;
    }

    /// <summary>
    /// A reload: bound, validated and compared outside the lock, decided under it (compare-and-swap on the running value:
    /// a newer reload wins, an older one that finishes later is dropped, one that lost a race is compared again), and
    /// its logs, report, listeners and stopping the application run after it is released, in order, through
    /// <see cref="after"/>. No user code, logging or signal runs under the lock. It completes on the provider's thread
    /// unless a FluentValidation rule waits (on I/O, say): then that thread is freed and the reload finishes when the
    /// rule does — a newer reload that finishes first wins, as above.
    /// </summary>
    private void OnReload()
    {
        var reload = ReloadAndReportAsync(Interlocked.Increment(ref requested));
        if (reload.IsCompleted)
        {
            // What a queued action threw (a logger provider's bug) surfaces in the provider's callback, as before the
            // reload could wait, and the provider logs it (event 500).
            reload.GetAwaiter().GetResult();
            return;
        }

        // Finished later, after a FluentValidation rule waited: nobody else awaits it.
        _ = ObserveLateAsync(reload);
    }

    /// <summary>Observes a reload that finished after its callback returned, and logs what it threw.</summary>
    private async Task ObserveLateAsync(Task reload)
    {
        try
        {
            await reload.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            LateFailure(e.GetBaseException());
        }
    }

    private void LateFailure(Exception failure)
    {
        try
        {
            var secrets = Volatile.Read(ref running)?.SecretValues ?? [];
            SettingsLog.ReloadFailed(logger, typeName, failure.GetType().Name, Redactor.Scrub(failure.Message, secrets));
        }
        catch (Exception)
        {
            // The logger itself failed: nothing is left to tell, and an unobserved task exception would help nobody.
        }
    }

    /// <summary>
    /// Never throws for a reload's own failure (logged through <see cref="after"/>); what the queued actions throw
    /// reaches <see cref="OnReload"/>.
    /// </summary>
    private async Task ReloadAndReportAsync(long generation)
    {
        try
        {
            await ReloadAsync(generation).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // A reload runs on a provider's thread: nothing may escape into it.
            var secrets = Volatile.Read(ref running)?.SecretValues ?? [];
            var reason = Redactor.Scrub(e.Message, secrets);
            var type = e.GetType().Name;
            after.Enqueue(() => SettingsLog.ReloadFailed(logger, typeName, type, reason));
        }

        after.Drain();
    }

    /// <summary>Unknown keys are logged once each, at startup or when a reload first brings them. Under the lock (the set), queued for after.</summary>
    private void WarnOnce(IReadOnlyList<SettingsProblem> warnings)
    {
        foreach (var warning in warnings)
        {
            if (warned.Add(warning.Key))
            {
                var text = warning.ToString();
                after.Enqueue(() => SettingsLog.UnknownKey(logger, typeName, text));
            }
        }
    }

    private async ValueTask ReloadAsync(long generation)
    {
        var candidate = await builder.BuildAsync(configuration, configuration).ConfigureAwait(false);
        while (true)
        {
            RawSnapshot basis;
            lock (gate)
            {
                if (disposed || generation < decided)
                {
                    return;   // a newer reload has decided already: it read newer configuration
                }

                basis = running!;
            }

            var decision = await DecideAsync(candidate, basis).ConfigureAwait(false);
            lock (gate)
            {
                if (disposed || generation < decided)
                {
                    return;
                }

                if (!ReferenceEquals(running, basis))
                {
                    continue;   // another reload swapped the running value meanwhile: compare against the new one
                }

                decided = generation;
                WarnOnce(candidate.Warnings);
                Commit(decision);
                return;
            }
        }
    }

    /// <summary>Compares a candidate with the running snapshot it would replace; rebinds the mixed value when needed. Outside the lock.</summary>
    private async ValueTask<ReloadDecision<T>> DecideAsync(SettingsBuild<T> candidate, RawSnapshot basis)
    {
        var differences = SnapshotDiff.Compare(basis, candidate.Raw);
        if (!candidate.IsValid)
        {
            return new(differences, candidate, candidate.Problems);
        }

        var next = candidate;
        if (differences.Any(d => d.Mutable) && differences.Any(d => !d.Mutable))
        {
            // Apply only the mutable part: rebind from running immutable values plus the new mutable ones,
            // and validate that combination too (a rule may tie a mutable setting to an immutable one).
            next = await builder.BuildAsync(SnapshotDiff.Mix(basis, candidate.Raw), configuration).ConfigureAwait(false);
            if (!next.IsValid)
            {
                return new(differences, next, next.Problems);
            }
        }

        return new(differences, next, []);
    }

    /// <summary>Applies, holds or rejects a decision: swaps the running value and queues what follows. Under the lock.</summary>
    private void Commit(ReloadDecision<T> decision)
    {
        var differences = decision.Differences;
        if (decision.Problems.Count > 0)
        {
            Reject(differences, decision.Problems);
            return;
        }

        var mutable = differences.Where(d => d.Mutable).ToList();
        var immutable = differences.Where(d => !d.Mutable).ToList();
        var next = decision.Next;

        var changes = new List<SettingChange>(differences.Count);
        changes.AddRange(mutable.Select(d => SnapshotDiff.ToChange(d, ChangeDisposition.Applied, configuration)));
        var pending = immutable.Select(d => SnapshotDiff.ToChange(d, ChangeDisposition.PendingRestart, configuration)).ToList();
        changes.AddRange(pending);

        var outcome = (mutable.Count, immutable.Count) switch
        {
            (0, 0) => ReloadOutcome.Unchanged,
            (_, 0) => ReloadOutcome.Applied,
            (0, _) => ReloadOutcome.PendingRestart,
            _ => ReloadOutcome.AppliedWithPendingRestart,
        };

        if (mutable.Count > 0)
        {
            running = next.Raw;
            Volatile.Write(ref current, next.Instance);
            var keys = KeyList(mutable);
            after.Enqueue(() => SettingsLog.Applied(logger, mutable.Count, typeName, keys));
        }

        if (immutable.Count > 0)
        {
            var keys = KeyList(immutable);
            after.Enqueue(() => SettingsLog.PendingRestart(logger, immutable.Count, typeName, keys));
        }
        else if (mutable.Count == 0)
        {
            after.Enqueue(() => SettingsLog.Unchanged(logger, typeName));
        }

        // Signal first: a change-feed subscriber told "Applied" that reads IOptionsMonitor.CurrentValue must get the new
        // value, and the monitor drops its cached one when the signal runs.
        if (mutable.Count > 0)
        {
            SignalApplied();
        }

        Publish(outcome, changes, pending, []);

        if (immutable.Count > 0 && definition.Options.PendingRestart == PendingRestartPolicy.StopApplication)
        {
            after.Enqueue(() =>
            {
                SettingsLog.StoppingForRestart(logger, typeName);
                services.GetService<IHostApplicationLifetime>()?.StopApplication();
            });
        }
    }

    private void Reject(List<KeyDifference> differences, IReadOnlyList<SettingsProblem> problems)
    {
        var problemTexts = problems.Select(p => p.ToString()).ToList();
        var joined = string.Join("; ", problemTexts);
        after.Enqueue(() => SettingsLog.Rejected(logger, typeName, joined));
        var changes = differences.Select(d => SnapshotDiff.ToChange(d, ChangeDisposition.Rejected, configuration)).ToList();
        Publish(ReloadOutcome.Rejected, changes, [], problemTexts);
    }

    private void Publish(ReloadOutcome outcome, List<SettingChange> changes, List<SettingChange> pending, List<string> problems)
    {
        var report = new SettingsReloadReport(typeof(T), definition.Name, definition.SectionPath, time.GetUtcNow(), outcome, changes, problems);
        var secrets = running!.SecretValues;
        after.Enqueue(() =>
        {
            metrics.Reload(typeName, outcome, problems.Count);
            var (failures, cleared) = feed.Publish(report, pending);
            if (cleared)
            {
                SettingsLog.PendingRestartCleared(logger, typeName);
            }

            foreach (var failure in failures)
            {
                SettingsLog.ListenerFailed(logger, typeName, failure.GetType().Name, Redactor.Scrub(failure.Message, secrets));
            }
        });
    }

    /// <summary>Swaps the applied token under the lock; the old one is cancelled (running the OnChange listeners) after it.</summary>
    private void SignalApplied()
    {
        var fired = applied;
        applied = new CancellationTokenSource();
        var secrets = running!.SecretValues;
        after.Enqueue(() =>
        {
            try
            {
                // IOptionsMonitor<T> listens to this token: its OnChange callbacks run here.
                fired.Cancel();
            }
            catch (AggregateException e)
            {
                foreach (var failure in e.InnerExceptions)
                {
                    SettingsLog.ListenerFailed(logger, typeName, failure.GetType().Name, Redactor.Scrub(failure.Message, secrets));
                }
            }
            finally
            {
                fired.Dispose();
            }
        });
    }

    private static string KeyList(IEnumerable<KeyDifference> differences) => string.Join(", ", differences.Select(d => d.Key));
}
