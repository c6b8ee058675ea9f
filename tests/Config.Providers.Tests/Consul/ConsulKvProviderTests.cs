using System.Collections.Concurrent;
using System.Text;
using Config.Providers.Consul;
using Config.Providers.Testing;
using Config.Providers.Tests.Settings;
using Config.Providers.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Config.Providers.Tests.Consul;

/// <summary>The Consul KV provider against a real agent. Each test uses its own service name, so they share one agent.</summary>
public sealed class ConsulKvProviderTests(ConsulAgentFixture fixture) : IClassFixture<ConsulAgentFixture>
{
    private ConsulAgent Agent => fixture.Agent;

    private static string NewService() => "svc" + Guid.NewGuid().ToString("N")[..8];

    private ConsulKvConfigurationSource Source(string service, CapturedLogs? logs = null, HttpClient? http = null) => new()
    {
        Client = new ConsulClientOptions { Address = Agent.Address },
        Root = "config-" + service,
        Service = service,
        Environment = "Production",
        WaitTime = TimeSpan.FromSeconds(30),
        StartupTimeout = TimeSpan.FromSeconds(5),
        LoggerFactory = logs?.Factory(),
        HttpClient = http,
    };

    private static ConfigurationRoot Build(ConsulKvConfigurationSource source) => (ConfigurationRoot)new ConfigurationBuilder().Add(source).Build();

    [ConsulFact]
    public async Task A_throwing_change_listener_with_settle_time_is_logged_and_later_changes_still_apply()
    {
        // Issue 19: with SettleTime the change is raised from a timer, where a listener's exception ended the process.
        var service = NewService();
        using var consul = Agent.Client();
        await consul.PutAsync($"config-{service}/{service}/Level", "1");
        var logs = new CapturedLogs();
        var source = Source(service, logs);
        source.SettleTime = TimeSpan.FromMilliseconds(100);
        using var configuration = Build(source);
        using var throwing = Microsoft.Extensions.Primitives.ChangeToken.OnChange(configuration.GetReloadToken, () => throw new InvalidOperationException("a listener's bug"));
        var logged = logs.Next(500);

        await consul.PutAsync($"config-{service}/{service}/Level", "2");
        await configuration.WaitForValue("Level", "2");
        await logged.WaitAsync(TimeSpan.FromSeconds(10));

        await consul.PutAsync($"config-{service}/{service}/Level", "3");
        await configuration.WaitForValue("Level", "3");
    }

    [ConsulFact]
    public async Task A_custom_folder_layout_is_read_in_its_order()
    {
        var service = NewService();
        using var consul = Agent.Client();
        var root = "config-" + service;
        await consul.PutAsync($"{root}/shared/Orders/Port", "1");
        await consul.PutAsync($"{root}/shared/Orders/Host", "shared-db");
        await consul.PutAsync($"{root}/{service}-Production/Orders/Port", "2");
        await consul.PutAsync($"{root}/application/Orders/Port", "not read");
        var source = Source(service);
        source.FolderLayout.Clear();
        source.FolderLayout.Add("shared");
        source.FolderLayout.Add("{service}-{environment}");

        using var configuration = Build(source);

        Assert.Equal(("2", "shared-db"), (configuration["Orders:Port"], configuration["Orders:Host"]));
    }

    [ConsulFact]
    public async Task A_document_at_a_key_without_extension_is_read_whole_and_followed_live()
    {
        // Winton's default layout: the key App/Env holds the application's JSON.
        var service = NewService();
        var key = $"{service}/Production";
        using var consul = Agent.Client();
        await consul.PutAsync(key, "{\"Orders\": {\"Port\": 5432, \"Queues\": [\"a\", \"b\"]}}");
        await consul.PutAsync($"{key}Old", "{\"Orders\": {\"Port\": 1}}");
        var logs = new CapturedLogs();

        using var configuration = (ConfigurationRoot)new ConfigurationBuilder()
            .AddConsulKvDocument(key, s =>
            {
                s.Client = new ConsulClientOptions { Address = Agent.Address };
                s.WaitTime = TimeSpan.FromSeconds(30);
                s.LoggerFactory = logs.Factory();
            })
            .Build();

        Assert.Equal(("5432", "b"), (configuration["Orders:Port"], configuration["Orders:Queues:1"]));
        Assert.Equal(3, configuration.AsEnumerable().Count(p => p.Value is not null));   // not the neighbour {key}Old

        var reload = configuration.NextReload();
        await consul.PutAsync(key, "Orders:\n  Port: 6000\n");
        await reload.Within();
        Assert.Equal(("6000", null), (configuration["Orders:Port"], configuration["Orders:Queues:1"]));

        // A malformed document after startup keeps the last good values and is logged with the key.
        var logged = logs.Next(306);
        await consul.PutAsync(key, "{\"Orders\": [1");
        Assert.Contains($"'{key}'", await logged.Within());
        Assert.Equal("6000", configuration["Orders:Port"]);
    }

    [ConsulFact]
    public async Task Loads_hundreds_of_keys_across_layered_folders_with_later_folders_winning()
    {
        var service = NewService();
        using var consul = Agent.Client();
        var root = "config-" + service;
        for (var i = 0; i < 300; i++)
        {
            await consul.PutAsync($"{root}/application/Shared/Key{i}", $"app-{i}");
        }

        await consul.PutAsync($"{root}/application/Orders/Port", "1");
        await consul.PutAsync($"{root}/{service}/Orders/Port", "2");
        await consul.PutAsync($"{root}/{service}/Orders/Host", "db");
        await consul.PutAsync($"{root}/{service},Production/Orders/Port", "3");
        await consul.PutAsync($"{root}/{service}/Limits.yaml", "max: 5\nqueues: [a, b]\n");
        await consul.PutAsync($"{root}/{service}/Feature.json", "{\"On\": true}");
        await consul.PutAsync($"{root}/{service}-old/Orders/Port", "99");
        await consul.PutAsync($"{root}/application,Production/Shared/Key0", "app-production-0");
        await consul.PutAsync($"{root}/application,Production/Orders/Host", "shared-db");
        await consul.PutAsync($"{root}/application,Staging/Shared/Key1", "staging");

        using var configuration = Build(Source(service));

        Assert.Equal("app-299", configuration["Shared:Key299"]);
        Assert.Equal(("app-production-0", "app-1"), (configuration["Shared:Key0"], configuration["Shared:Key1"]));
        Assert.Equal("3", configuration["Orders:Port"]);
        Assert.Equal("db", configuration["Orders:Host"]);
        Assert.Equal("5", configuration["Limits:max"]);
        Assert.Equal("b", configuration["Limits:queues:1"]);
        Assert.Equal("true", configuration["Feature:On"]);
        Assert.Equal(300 + 6, configuration.AsEnumerable().Count(p => p.Value is not null));
        var origins = (IConfigurationOrigins)configuration.Providers.Single();
        Assert.True(origins.TryGetOrigin("Orders:Port", out var origin));
        Assert.StartsWith($"consul {root}/{service},Production/Orders/Port (index ", origin);
        Assert.True(origins.TryGetOrigin("Limits:queues:1", out origin));
        Assert.Equal($"consul {root}/{service}/Limits.yaml:2:13", origin);
    }

    [ConsulFact]
    public async Task A_value_that_is_not_utf8_fails_startup_naming_the_key()
    {
        var service = NewService();
        using var consul = Agent.Client();
        await consul.PutAsync($"config-{service}/{service}/Bad", new byte[] { 0xff, 0xfe, 0x41 });
        var error = Assert.Throws<ConsulValueException>(() => Build(Source(service)));
        Assert.Equal($"Consul key 'config-{service}/{service}/Bad': the value is not valid UTF-8", error.Message);
    }

    [ConsulFact]
    public async Task Mutable_changes_apply_live_immutable_ones_wait_and_invalid_ones_are_rejected()
    {
        var service = NewService();
        var root = $"config-{service}/{service}";
        using var consul = Agent.Client();
        await consul.PutAsync($"{root}/Orders/ServiceName", "orders");
        await consul.PutAsync($"{root}/Orders/Database/Host", "db-1");
        await consul.PutAsync($"{root}/Orders/MaxConcurrency", "10");

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        ((IConfigurationBuilder)builder.Configuration).Add(Source(service));
        builder.Services.AddSettings<OrdersSettings>("Orders");
        using var host = builder.Build();
        await host.StartAsync();
        var monitor = host.Services.GetRequiredService<IOptionsMonitor<OrdersSettings>>();
        var feed = host.Services.GetRequiredService<ISettingsChangeFeed>();
        var reports = new BlockingCollection<SettingsReloadReport>();
        using var subscription = feed.Subscribe(new Observer<SettingsReloadReport>(reports.Add));

        // Mutable: applied; OnChange fires.
        var changed = new TaskCompletionSource<OrdersSettings>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (monitor.OnChange(s => changed.TrySetResult(s)))
        {
            await consul.PutAsync($"{root}/Orders/MaxConcurrency", "20");
            Assert.Equal(20, (await changed.Task.Within()).MaxConcurrency);
        }

        // Immutable: pending restart, running value kept.
        await consul.PutAsync($"{root}/Orders/Database/Host", "db-2");
        var pending = await NextReport(reports, r => r.Outcome == ReloadOutcome.PendingRestart);
        Assert.Equal($"Orders:Database:Host", Assert.Single(pending.Changes).Key);
        Assert.StartsWith($"consul {root}/Orders/Database/Host", pending.Changes[0].Source);
        Assert.Equal("db-1", monitor.CurrentValue.Database.Host);

        // Invalid: rejected, last good kept.
        await consul.PutAsync($"{root}/Orders/MaxConcurrency", "lots");
        var rejected = await NextReport(reports, r => r.Outcome == ReloadOutcome.Rejected);
        Assert.Contains(rejected.Problems, p => p.StartsWith("Orders:MaxConcurrency: 'lots' is not a valid Int32", StringComparison.Ordinal) && p.Contains($"consul {root}/Orders/MaxConcurrency"));
        Assert.Equal(20, monitor.CurrentValue.MaxConcurrency);
        await host.StopAsync();
    }

    [ConsulFact]
    public async Task Deleting_a_key_or_the_whole_folder_is_reflected()
    {
        var service = NewService();
        var root = $"config-{service}/{service}";
        using var consul = Agent.Client();
        await consul.PutAsync($"{root}/A", "1");
        await consul.PutAsync($"{root}/B", "2");
        using var configuration = Build(Source(service));
        Assert.Equal("1", configuration["A"]);

        var reload = configuration.NextReload();
        await consul.DeleteAsync($"{root}/A");
        await reload.Within();
        Assert.Null(configuration["A"]);
        Assert.Equal("2", configuration["B"]);

        reload = configuration.NextReload();
        await consul.DeleteAsync(root, recurse: true);
        await reload.Within();
        Assert.DoesNotContain(configuration.AsEnumerable(), p => p.Value is not null);
    }

    [ConsulFact]
    public async Task A_change_consul_does_not_signal_is_still_seen_when_the_wait_runs_out()
    {
        // Consul 1.8: deleting "folder" (no trailing slash) recursively leaves "folder/"'s index unchanged, so the
        // blocking query only returns at its wait time; the content comparison then sees the deletion.
        var service = NewService();
        var root = $"config-{service}/{service}";
        using var consul = Agent.Client();
        await consul.PutAsync($"{root}/A", "1");
        await consul.PutAsync($"{root}/B", "2");
        var source = Source(service);
        source.WaitTime = TimeSpan.FromSeconds(2);
        using var configuration = Build(source);
        var reload = configuration.NextReload();
        await consul.DeleteAsync($"{root}/A");
        await reload.Within();

        reload = configuration.NextReload();
        using var http = new HttpClient();
        (await http.DeleteAsync(new Uri(Agent.Address, $"v1/kv/{root}?recurse"))).EnsureSuccessStatusCode();
        await reload.Within();
        Assert.Null(configuration["B"]);
    }

    [ConsulFact]
    public async Task One_blocking_query_per_folder_however_many_settings_types_are_bound()
    {
        var service = NewService();
        var root = $"config-{service}/{service}";
        using var consul = Agent.Client();
        await consul.PutAsync($"{root}/Orders/ServiceName", "orders");
        await consul.PutAsync($"{root}/Orders/Database/Host", "db");
        await consul.PutAsync($"{root}/Api/Url", "https://a");
        var counter = new CountingHandler();
        using var http = new HttpClient(counter) { Timeout = Timeout.InfiniteTimeSpan };
        var source = Source(service, http: http);
        var blocking = counter.WaitForBlockingQueries(source.Folders.Count);

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        ((IConfigurationBuilder)builder.Configuration).Add(source);
        builder.Services.AddSettings<OrdersSettings>("Orders");
        builder.Services.AddSettings<ApiEndpoint>("Api");
        builder.Services.AddSettings<ApiEndpoint>("other", "Api");
        using var host = builder.Build();
        await host.StartAsync();
        await blocking.Within();

        // One initial read and one blocking query per folder; nothing per settings type.
        Assert.Equal(source.Folders.Count, counter.Plain);
        Assert.All(source.Folders, folder => Assert.Equal(1, counter.InFlight(folder)));

        // Counted before the write: a folder that wakes first may start its next query before the reload is seen.
        var reload = host.Services.GetRequiredService<IConfiguration>().NextReload();
        var blockingBefore = counter.Blocking;
        await consul.PutAsync($"{root}/Api/Timeout", "2s");
        await reload.Within();
        await counter.WaitForBlockingQueries(blockingBefore + source.Folders.Count).Within();

        // Never two at once for a folder, and still no immediate re-reads per settings type.
        Assert.All(source.Folders, folder => Assert.Equal(1, counter.MostInFlight(folder)));
        Assert.Equal(source.Folders.Count, counter.Plain);
        await host.StopAsync();
    }

    [ConsulFact]
    public async Task Startup_fails_after_the_timeout_naming_where_it_looked()
    {
        var source = new ConsulKvConfigurationSource
        {
            Client = new ConsulClientOptions { Address = new Uri("http://127.0.0.1:1") },
            Service = "orders",
            StartupTimeout = TimeSpan.FromMilliseconds(500),
        };
        var error = Assert.Throws<ConsulException>(() => Build(source));
        Assert.Contains("Consul at http://127.0.0.1:1 (found via options) did not answer within 0.5 s while reading config/application/, config/orders/", error.Message);
        await Task.CompletedTask;
    }

    [ConsulFact]
    public async Task The_snapshot_lets_the_service_start_degraded_when_consul_is_down()
    {
        var service = NewService();
        using var consul = Agent.Client();
        await consul.PutAsync($"config-{service}/{service}/Orders/Port", "8080");
        using var directory = new TempDirectory();
        var snapshot = directory.File("consul-snapshot.json");
        var first = Source(service);
        first.SnapshotPath = snapshot;
        using (Build(first))
        {
        }

        Assert.True(File.Exists(snapshot));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(snapshot));
        }

        var logs = new CapturedLogs();
        var down = Source(service, logs);
        down.Client = new ConsulClientOptions { Address = new Uri("http://127.0.0.1:1") };
        down.SnapshotPath = snapshot;
        down.StartupTimeout = TimeSpan.FromMilliseconds(300);
        down.ReloadOnChange = false;
        using var configuration = Build(down);
        Assert.Equal("8080", configuration["Orders:Port"]);
        Assert.True(((ConsulKvConfigurationProvider)configuration.Providers.Single()).IsDegraded);
        Assert.Single(logs.At(301));
    }

    private static async Task<SettingsReloadReport> NextReport(BlockingCollection<SettingsReloadReport> reports, Func<SettingsReloadReport, bool> match)
    {
        using var timeout = new CancellationTokenSource(ReloadWaits.Timeout);
        return await Task.Run(() =>
        {
            foreach (var report in reports.GetConsumingEnumerable(timeout.Token))
            {
                if (match(report))
                {
                    return report;
                }
            }

            throw new TimeoutException();
        });
    }

    /// <summary>Counts KV requests, telling immediate reads from blocking queries (those with an index), and how many run at once per folder.</summary>
    public sealed class ApiEndpoint
    {
        [System.ComponentModel.DataAnnotations.Required]
        public Uri? Url { get; set; }

        [Mutable]
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);
    }

    private sealed class CountingHandler() : DelegatingHandler(new SocketsHttpHandler())
    {
        private readonly ConcurrentDictionary<string, int> inFlight = new();
        private readonly ConcurrentDictionary<string, int> mostInFlight = new();
        private readonly List<(int Count, TaskCompletionSource Waiter)> waiters = [];
        private int plain;
        private int blockingTotal;

        public int Plain => Volatile.Read(ref plain);

        public int Blocking => Volatile.Read(ref blockingTotal);

        public int InFlight(string folder) => inFlight.GetValueOrDefault(folder);

        public int MostInFlight(string folder) => mostInFlight.GetValueOrDefault(folder);

        public Task WaitForBlockingQueries(int count)
        {
            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (waiters)
            {
                waiters.Add((count, waiter));
                Release();
            }

            return waiter.Task;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri!;
            if (!uri.AbsolutePath.StartsWith("/v1/kv/", StringComparison.Ordinal) || request.Method != HttpMethod.Get)
            {
                return await base.SendAsync(request, cancellationToken);
            }

            var folder = Uri.UnescapeDataString(uri.AbsolutePath["/v1/kv/".Length..]);
            if (!uri.Query.Contains("index=", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref plain);
                return await base.SendAsync(request, cancellationToken);
            }

            var now = inFlight.AddOrUpdate(folder, 1, (_, n) => n + 1);
            mostInFlight.AddOrUpdate(folder, now, (_, n) => Math.Max(n, now));
            Interlocked.Increment(ref blockingTotal);
            lock (waiters)
            {
                Release();
            }

            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            finally
            {
                inFlight.AddOrUpdate(folder, 0, (_, n) => n - 1);
            }
        }

        private void Release()
        {
            foreach (var (count, waiter) in waiters.Where(w => w.Count <= Blocking).ToList())
            {
                waiter.TrySetResult();
                waiters.Remove((count, waiter));
            }
        }
    }
}
