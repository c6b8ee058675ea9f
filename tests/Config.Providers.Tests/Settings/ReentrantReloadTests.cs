using Config.Providers.Consul;
using Config.Providers.Testing;
using Config.Providers.Tests.Consul;
using Config.Providers.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Config.Providers.Tests.Settings;

/// <summary>
/// Nothing is signalled under a lock: a change callback or an <c>OnChange</c> listener that calls
/// <see cref="IConfigurationRoot.Reload"/> completes, for every provider.
/// </summary>
public sealed class ReentrantReloadTests(ConsulAgentFixture fixture) : IClassFixture<ConsulAgentFixture>, IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    public sealed class Tunables
    {
        [Mutable]
        public int Level { get; set; }
    }

    public static TheoryData<string> Providers => new() { "env", "yaml", "dotcloud", "consul" };

    private (IConfigurationRoot Root, Func<int, Task> Change) Build(string provider)
    {
        var builder = new ConfigurationBuilder();
        switch (provider)
        {
            case "env":
                directory.Write(".env", "Tunables__Level=1\n");
                builder.AddEnvFile(directory.File(".env"), optional: false, reloadOnChange: true);
                return (builder.Build(), level => Task.Run(() => directory.Replace(".env", $"Tunables__Level={level}\n")));
            case "yaml":
                directory.Write("config.yaml", "Tunables: {Level: 1}\n");
                builder.AddYamlFile(directory.File("config.yaml"), optional: false, reloadOnChange: true);
                return (builder.Build(), level => Task.Run(() => directory.Replace("config.yaml", $"Tunables: {{Level: {level}}}\n")));
            case "dotcloud":
                directory.Write("environment.json", "{\"Tunables:Level\": 1}");
                builder.AddDotCloudEnvironment(directory.File("environment.json"), optional: false, reloadOnChange: true);
                return (builder.Build(), level => Task.Run(() => directory.Replace("environment.json", $"{{\"Tunables:Level\": {level}}}")));
            default:
                var service = "svc" + Guid.NewGuid().ToString("N")[..8];
                using (var seed = fixture.Agent.Client())
                {
                    seed.PutAsync($"config/{service}/Tunables/Level", "1").GetAwaiter().GetResult();
                }

                builder.AddConsulKv(s =>
                {
                    s.Client = new ConsulClientOptions { Address = fixture.Agent.Address };
                    s.Service = service;
                    s.WaitTime = TimeSpan.FromSeconds(10);
                });
                return (builder.Build(), async level =>
                {
                    using var consul = fixture.Agent.Client();
                    await consul.PutAsync($"config/{service}/Tunables/Level", level.ToString());
                });
        }
    }

    [ConsulTheory]
    [MemberData(nameof(Providers))]
    public async Task Reload_from_a_change_callback_and_from_an_OnChange_listener_completes(string provider)
    {
        var (root, change) = Build(provider);
        using var disposeRoot = root as IDisposable;
        var services = new ServiceCollection().AddSingleton<IConfiguration>(root);
        services.AddSettings<Tunables>("Tunables");
        await using var container = services.BuildServiceProvider();
        var monitor = container.GetRequiredService<IOptionsMonitor<Tunables>>();
        Assert.Equal(1, monitor.CurrentValue.Level);

        // A change callback of the configuration itself calls Reload() (once per change).
        var fromCallback = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reloading = 0;
        using var callback = ChangeToken.OnChange(root.GetReloadToken, () =>
        {
            if (Interlocked.Exchange(ref reloading, 1) == 0)
            {
                root.Reload();
                fromCallback.TrySetResult();
            }
        });

        // So does an OnChange listener of the settings.
        var fromListener = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var listening = monitor.OnChange(t =>
        {
            if (t.Level == 2)
            {
                root.Reload();
                fromListener.TrySetResult();
            }
        });

        await change(2);
        await fromCallback.Task.Within();
        await fromListener.Task.Within();
        Assert.Equal(2, monitor.CurrentValue.Level);
    }
}
