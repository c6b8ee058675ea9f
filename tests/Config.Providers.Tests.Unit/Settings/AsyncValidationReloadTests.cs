using System.Collections.Concurrent;
using Config.Providers.Tests.Support;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Config.Providers.Tests.Settings;

/// <summary>
/// An async FluentValidation rule in a reload is awaited, not blocked on (issue 19): the thread that delivered the
/// change (a file watcher's, a Consul watch's, the caller of <c>IConfigurationRoot.Reload()</c>) is free while the
/// rule waits; the value applies — or the reload is rejected — when the rule finishes; and a newer reload that
/// finishes first wins over an older one still waiting.
/// </summary>
public sealed class AsyncValidationReloadTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private readonly GatedRule rule = new();
    private readonly ThrowingOnApplied brokenLogger = new();
    private IHost host = null!;
    private CapturedLogs logs = null!;
    private ReloadableMemoryConfiguration source = null!;
    private IOptionsMonitor<Quota> monitor = null!;
    private readonly BlockingCollection<SettingsReloadReport> reports = [];

    public sealed class Quota
    {
        [Mutable]
        public int Limit { get; set; }
    }

    /// <summary>Holds the rule for a limit until the test opens its gate; 13 is refused.</summary>
    public sealed class GatedRule
    {
        private readonly ConcurrentDictionary<int, TaskCompletionSource> gates = new();
        private readonly ConcurrentDictionary<int, TaskCompletionSource> passed = new();

        /// <summary>Completes when the rule for <paramref name="limit"/> has returned.</summary>
        public Task Passed(int limit) => Source(passed, limit).Task;

        /// <summary>Opens every gate: a rule blocked on (as before this was fixed) must not outlive the test.</summary>
        public void OpenAll()
        {
            foreach (var gate in gates.Values)
            {
                gate.TrySetResult();
            }
        }

        public TaskCompletionSource Gate(int limit) => Source(gates, limit);

        private static TaskCompletionSource Source(ConcurrentDictionary<int, TaskCompletionSource> all, int limit) =>
            all.GetOrAdd(limit, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

        public async Task<bool> Check(int limit, CancellationToken cancellationToken)
        {
            if (gates.TryGetValue(limit, out var gate))
            {
                await gate.Task.WaitAsync(cancellationToken);
            }

            Source(passed, limit).TrySetResult();
            return limit != 13;
        }
    }

    private sealed class QuotaValidator : AbstractValidator<Quota>
    {
        public QuotaValidator(GatedRule rule) =>
            RuleFor(q => q.Limit).MustAsync(rule.Check).WithMessage("the quota service refuses {PropertyValue}");
    }

    public async Task InitializeAsync()
    {
        (host, source, logs) = TestHosts.Build(TestHosts.Data(("Quota:Limit", "1")), services =>
        {
            services.AddSingleton<ILoggerProvider>(brokenLogger);
            services.AddSingleton(rule);
            services.AddSingleton<IValidator<Quota>, QuotaValidator>();
            services.AddSettings<Quota>("Quota");
        });
        await host.StartAsync();
        monitor = host.Services.GetRequiredService<IOptionsMonitor<Quota>>();
        Assert.Equal(1, monitor.CurrentValue.Limit);
        host.Services.GetRequiredService<ISettingsChangeFeed>().Subscribe(new Observer<SettingsReloadReport>(reports.Add));
    }

    public async Task DisposeAsync()
    {
        rule.OpenAll();
        await host.StopAsync();
        host.Dispose();
    }

    [Fact]
    public async Task The_thread_that_delivered_the_change_is_free_while_the_rule_waits_and_the_value_applies_after()
    {
        var gate = rule.Gate(2);

        // Blocked on before: this call returned only when the rule did.
        var change = Task.Run(() => source.Change(("Quota:Limit", "2")));
        Assert.True(await Task.WhenAny(change, Task.Delay(Bound)) == change, "the change was still blocked by the waiting rule");
        Assert.Equal(1, monitor.CurrentValue.Limit);

        gate.SetResult();
        var report = NextReport();
        Assert.Equal(ReloadOutcome.Applied, report.Outcome);
        Assert.Equal(2, monitor.CurrentValue.Limit);
    }

    [Fact]
    public async Task A_rule_that_refuses_after_waiting_rejects_the_reload()
    {
        var gate = rule.Gate(13);
        await Task.Run(() => source.Change(("Quota:Limit", "13"))).WaitAsync(Bound);

        gate.SetResult();
        var report = NextReport();
        Assert.Equal(ReloadOutcome.Rejected, report.Outcome);
        Assert.Contains("the quota service refuses 13", Assert.Single(report.Problems));
        Assert.Equal(1, monitor.CurrentValue.Limit);
    }

    [Fact]
    public async Task A_newer_reload_that_finishes_first_wins_over_an_older_one_still_waiting()
    {
        var older = rule.Gate(2);
        await Task.Run(() => source.Change(("Quota:Limit", "2"))).WaitAsync(Bound);
        await Task.Run(() => source.Change(("Quota:Limit", "3"))).WaitAsync(Bound);

        var report = NextReport();
        Assert.Equal((ReloadOutcome.Applied, 3), (report.Outcome, monitor.CurrentValue.Limit));

        // The older reload read older configuration: when its rule finally passes, it is dropped, not applied.
        older.SetResult();
        await rule.Passed(2).WaitAsync(Bound);
        await Task.Run(() => source.Change(("Quota:Limit", "4"))).WaitAsync(Bound);
        Assert.Equal((ReloadOutcome.Applied, 4), (NextReport().Outcome, monitor.CurrentValue.Limit));
        Assert.False(reports.TryTake(out var extra), $"the older reload was published too: {extra?.Outcome}");
    }

    [Fact]
    public async Task What_fails_after_the_rule_waited_is_logged_not_left_as_an_unobserved_exception()
    {
        // A logger provider that throws when the reload is reported: before, this vanished as an unobserved task
        // exception once the reload had gone asynchronous.
        var gate = rule.Gate(5);
        brokenLogger.Armed = true;
        await Task.Run(() => source.Change(("Quota:Limit", "5"))).WaitAsync(Bound);

        gate.SetResult();
        await logs.WaitUntil(l => l.At(115).Any(e => e.Text.Contains("InvalidOperationException", StringComparison.Ordinal)), Bound);
        Assert.Equal(5, monitor.CurrentValue.Limit);
    }

    /// <summary>Throws on "Applied" (event 110) once armed: a bug in a logger provider.</summary>
    private sealed class ThrowingOnApplied : ILoggerProvider, ILogger
    {
        public volatile bool Armed;

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (Armed && eventId.Id == 110)
            {
                throw new InvalidOperationException("a logger provider's bug");
            }
        }

        public void Dispose()
        {
        }
    }

    private SettingsReloadReport NextReport()
    {
        Assert.True(reports.TryTake(out var report, Bound), "no reload report within 10 s");
        return report!;
    }
}
