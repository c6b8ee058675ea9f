using Config.Providers.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Config.Providers.Tests.Settings;

/// <summary>
/// Reloads through a real <c>IConfigurationRoot</c> in a real host. A reload is processed synchronously on the
/// thread that signals it, so each assertion after <c>Change</c> sees its full effect without waiting.
/// </summary>
public sealed class ReloadTests : IAsyncLifetime
{
    private readonly List<OrdersSettings> changes = [];
    private readonly List<SettingsReloadReport> reports = [];
    private IHost host = null!;
    private ReloadableMemoryConfiguration source = null!;
    private CapturedLogs logs = null!;
    private IOptionsMonitor<OrdersSettings> monitor = null!;
    private ISettingsChangeFeed feed = null!;

    public async Task InitializeAsync()
    {
        (host, source, logs) = TestHosts.Build(
            TestHosts.Data(
                ("Orders:ServiceName", "orders"),
                ("Orders:Database:Host", "db-1"),
                ("Orders:Database:Password", "correct-horse-battery"),
                ("Orders:Logging:Level", "Information"),
                ("Orders:MaxConcurrency", "10")),
            services =>
            {
                services.AddSettings<OrdersSettings>("Orders");
                services.AddHealthChecks().AddSettingsCheck();
            });
        await host.StartAsync();
        monitor = host.Services.GetRequiredService<IOptionsMonitor<OrdersSettings>>();
        monitor.OnChange(changes.Add);
        feed = host.Services.GetRequiredService<ISettingsChangeFeed>();
        feed.Subscribe(new Observer<SettingsReloadReport>(reports.Add));
    }

    public async Task DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }

    [Fact]
    public void A_mutable_change_is_applied_and_OnChange_fires_once()
    {
        var token = feed.GetChangeToken<OrdersSettings>();

        source.Change(("Orders:Logging:Level", "Debug"), ("Orders:MaxConcurrency", "20"));

        Assert.Equal("Debug", monitor.CurrentValue.Logging.Level);
        Assert.Equal(20, monitor.CurrentValue.MaxConcurrency);
        var changed = Assert.Single(changes);
        Assert.Equal("Debug", changed.Logging.Level);
        Assert.True(token.HasChanged);

        var report = Assert.Single(reports);
        Assert.Equal(ReloadOutcome.Applied, report.Outcome);
        Assert.Equal(["Orders:Logging:Level", "Orders:MaxConcurrency"], report.Changes.Select(c => c.Key));
        Assert.All(report.Changes, c => Assert.True(c.IsMutable && c.Disposition == ChangeDisposition.Applied));
        Assert.Equal(("Information", "Debug"), (report.Changes[0].OldValue, report.Changes[0].NewValue));
        Assert.Equal("test source", report.Changes[0].Source);
        Assert.Contains(logs.At(110), l => l.Text.Contains("Orders:Logging:Level, Orders:MaxConcurrency", StringComparison.Ordinal));
    }

    [Fact]
    public void A_change_feed_subscriber_told_Applied_reads_the_new_value_from_the_monitor()
    {
        // Read inside the subscriber, on the thread that publishes: before the signal moved ahead of the report, the
        // monitor still held its cached value here (and a test that read it just after the report raced with it).
        var seen = new List<(ReloadOutcome Outcome, int MaxConcurrency)>();
        using var subscription = feed.Subscribe(new Observer<SettingsReloadReport>(r => seen.Add((r.Outcome, monitor.CurrentValue.MaxConcurrency))));

        source.Change(("Orders:MaxConcurrency", "30"));

        Assert.Equal((ReloadOutcome.Applied, 30), Assert.Single(seen));
    }

    [Fact]
    public void IOptions_keeps_the_startup_snapshot_while_the_monitor_moves_on()
    {
        var snapshot = host.Services.GetRequiredService<IOptions<OrdersSettings>>().Value;
        source.Change(("Orders:MaxConcurrency", "50"));
        Assert.Equal(10, host.Services.GetRequiredService<IOptions<OrdersSettings>>().Value.MaxConcurrency);
        Assert.Same(snapshot, host.Services.GetRequiredService<IOptions<OrdersSettings>>().Value);
        Assert.Equal(50, monitor.CurrentValue.MaxConcurrency);
    }

    [Fact]
    public void Reloads_that_change_nothing_mutable_do_not_fire_OnChange()
    {
        var token = feed.GetChangeToken<OrdersSettings>();

        source.Touch();
        source.Change(("Unrelated:Key", "x"));
        source.Change(("Orders:MaxConcurrency", "10"));

        Assert.Empty(changes);
        Assert.False(token.HasChanged);
        Assert.Equal(3, reports.Count);
        Assert.All(reports, r => Assert.Equal(ReloadOutcome.Unchanged, r.Outcome));
    }

    [Fact]
    public async Task An_immutable_change_is_held_back_and_reported_as_pending_restart_until_reverted()
    {
        var before = monitor.CurrentValue;

        source.Change(("Orders:Database:Host", "db-2"));

        Assert.Same(before, monitor.CurrentValue);
        Assert.Equal("db-1", monitor.CurrentValue.Database.Host);
        Assert.Empty(changes);
        var report = Assert.Single(reports);
        Assert.Equal(ReloadOutcome.PendingRestart, report.Outcome);
        var change = Assert.Single(report.Changes);
        Assert.Equal(new SettingChange("Orders:Database:Host", false, ChangeDisposition.PendingRestart, "test source", "db-1", "db-2"), change);
        Assert.Contains(logs.At(111), l => l.Text.Contains("Orders:Database:Host", StringComparison.Ordinal));
        Assert.Equal("Orders:Database:Host", Assert.Single(Assert.Single(feed.PendingRestarts).Changes).Key);

        var health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Equal(HealthStatus.Degraded, health.Status);
        Assert.Contains("OrdersSettings (Orders:Database:Host)", health.Entries["settings"].Description);

        source.Change(("Orders:Database:Host", "db-1"));

        Assert.Empty(feed.PendingRestarts);
        Assert.Equal(ReloadOutcome.Unchanged, reports[^1].Outcome);
        health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Equal(HealthStatus.Healthy, health.Status);
        Assert.Empty(changes);
    }

    [Fact]
    public void A_mixed_reload_applies_the_mutable_part_and_holds_the_immutable_part()
    {
        source.Change(("Orders:Database:Host", "db-2"), ("Orders:Logging:Level", "Warning"));

        Assert.Equal("Warning", monitor.CurrentValue.Logging.Level);
        Assert.Equal("db-1", monitor.CurrentValue.Database.Host);
        Assert.Single(changes);
        var report = Assert.Single(reports);
        Assert.Equal(ReloadOutcome.AppliedWithPendingRestart, report.Outcome);
        Assert.Equal(
            [("Orders:Database:Host", ChangeDisposition.PendingRestart), ("Orders:Logging:Level", ChangeDisposition.Applied)],
            report.Changes.Select(c => (c.Key, c.Disposition)).OrderBy(c => c.Key, StringComparer.Ordinal));

        // A later mutable change keeps the immutable one pending and fires OnChange once more.
        source.Change(("Orders:MaxConcurrency", "11"));
        Assert.Equal(2, changes.Count);
        Assert.Equal("db-1", monitor.CurrentValue.Database.Host);
        Assert.Equal("Warning", monitor.CurrentValue.Logging.Level);
        Assert.Equal(ReloadOutcome.AppliedWithPendingRestart, reports[^1].Outcome);
        Assert.NotEmpty(feed.PendingRestarts);
    }

    [Theory]
    [InlineData("Orders:MaxConcurrency", "lots", "Orders:MaxConcurrency: 'lots' is not a valid Int32")]
    [InlineData("Orders:MaxConcurrency", "0", "Orders:MaxConcurrency: The field MaxConcurrency must be between 1 and 1000.")]
    [InlineData("Orders:ServiceName", null, "Orders:ServiceName: The ServiceName field is required.")]
    public void An_invalid_reload_is_rejected_whole_and_the_last_good_value_stays(string key, string? value, string problem)
    {
        var before = monitor.CurrentValue;

        source.Change(("Orders:Logging:Level", "Debug"), (key, value));

        Assert.Same(before, monitor.CurrentValue);
        Assert.Equal("Information", monitor.CurrentValue.Logging.Level);
        Assert.Empty(changes);
        var report = Assert.Single(reports);
        Assert.Equal(ReloadOutcome.Rejected, report.Outcome);
        Assert.Contains(report.Problems, p => p.StartsWith(problem, StringComparison.Ordinal));
        Assert.All(report.Changes, c => Assert.Equal(ChangeDisposition.Rejected, c.Disposition));
        var logged = Assert.Single(logs.At(112));
        Assert.Contains(problem, logged.Text);
        if (value is not null)
        {
            Assert.Contains("(from test source)", logged.Text);
        }

        // Fixing the value applies the whole reload.
        source.Change((key, key == "Orders:ServiceName" ? "orders" : "10"));
        Assert.Equal("Debug", monitor.CurrentValue.Logging.Level);
        Assert.Single(changes);
    }

    [Fact]
    public void A_mutable_change_that_breaks_a_rule_together_with_a_pending_immutable_value_is_rejected()
    {
        // The running password is valid; a new invalid immutable password is itself a validation problem.
        source.Change(("Orders:Database:Password", "bad pw"), ("Orders:MaxConcurrency", "12"));
        Assert.Equal(ReloadOutcome.Rejected, reports[^1].Outcome);
        Assert.Equal(10, monitor.CurrentValue.MaxConcurrency);
    }

    [Fact]
    public void Removing_a_mutable_key_restores_its_default()
    {
        source.Change(("Orders:FeatureFlags:0", "a"), ("Orders:FeatureFlags:1", "b"));
        Assert.Equal(["a", "b"], monitor.CurrentValue.FeatureFlags);

        source.Change(("Orders:FeatureFlags:1", null));
        Assert.Equal(["a"], monitor.CurrentValue.FeatureFlags);

        source.Change(("Orders:MaxConcurrency", null), ("Orders:FeatureFlags:0", null));
        Assert.Equal(10, monitor.CurrentValue.MaxConcurrency);
        Assert.Empty(monitor.CurrentValue.FeatureFlags);
        Assert.Equal(3, changes.Count);
    }

    [Fact]
    public void CurrentValue_never_throws_after_startup_whatever_arrives()
    {
        source.Change(("Orders:Database", "junk"), ("Orders:MaxConcurrency:0", "x"), ("Orders:Logging", "[1,2"), ("Orders:Extra", "1"));
        Assert.Equal("db-1", monitor.CurrentValue.Database.Host);
        Assert.Equal(ReloadOutcome.Rejected, reports[^1].Outcome);
        Assert.True(reports[^1].Problems.Count >= 3);

        // An unknown key is a warning by default, never a reason to reject.
        Assert.DoesNotContain(reports[^1].Problems, p => p.Contains("Orders:Extra", StringComparison.Ordinal));
    }
}
