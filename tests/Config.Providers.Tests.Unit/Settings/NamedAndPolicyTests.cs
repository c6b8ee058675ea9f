using Config.Providers.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Config.Providers.Tests.Settings;

public class NamedAndPolicyTests
{
    public sealed class Endpoint
    {
        [System.ComponentModel.DataAnnotations.Required]
        public Uri? Url { get; set; }

        [Mutable]
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);
    }

    [Fact]
    public async Task Named_settings_bind_their_own_sections_and_change_independently()
    {
        var (host, source, _) = TestHosts.Build(
            TestHosts.Data(("Clients:Billing:Url", "https://billing"), ("Clients:Stock:Url", "https://stock"), ("Clients:Stock:Timeout", "2s")),
            services =>
            {
                services.AddSettings<Endpoint>("billing", "Clients:Billing");
                services.AddSettings<Endpoint>("stock", "Clients:Stock");
            });
        using (host)
        {
            await host.StartAsync();
            var monitor = host.Services.GetRequiredService<IOptionsMonitor<Endpoint>>();
            var changed = new List<string?>();
            monitor.OnChange((_, name) => changed.Add(name));

            Assert.Equal(new Uri("https://billing"), monitor.Get("billing").Url);
            Assert.Equal(TimeSpan.FromSeconds(2), monitor.Get("stock").Timeout);

            source.Change(("Clients:Stock:Timeout", "750ms"));

            Assert.Equal(["stock"], changed);
            Assert.Equal(TimeSpan.FromMilliseconds(750), monitor.Get("stock").Timeout);
            Assert.Equal(TimeSpan.FromSeconds(5), monitor.Get("billing").Timeout);
            Assert.True(host.Services.GetRequiredService<ISettingsChangeFeed>().GetChangeToken<Endpoint>("stock").HasChanged == false);
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task Named_settings_are_validated_at_startup_under_their_name()
    {
        var (host, _, _) = TestHosts.Build(
            TestHosts.Data(("Clients:Billing:Url", "https://billing")),
            services =>
            {
                services.AddSettings<Endpoint>("billing", "Clients:Billing");
                services.AddSettings<Endpoint>("stock", "Clients:Stock");
            });
        using (host)
        {
            var error = await Assert.ThrowsAnyAsync<OptionsValidationException>(() => host.StartAsync());
            Assert.Equal("stock", error.OptionsName);
            Assert.Contains("Clients:Stock:Url: The Url field is required.", error.Message);
        }
    }

    [Fact]
    public async Task StopApplication_policy_stops_the_host_when_an_immutable_setting_changes()
    {
        var (host, source, logs) = TestHosts.Build(
            TestHosts.Data(("Api:Url", "https://a")),
            services => services.AddSettings<Endpoint>("Api", o => o.PendingRestart = PendingRestartPolicy.StopApplication));
        using (host)
        {
            await host.StartAsync();
            var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
            var stopping = new TaskCompletionSource();
            lifetime.ApplicationStopping.Register(() => stopping.TrySetResult());

            source.Change(("Api:Timeout", "1s"));
            Assert.False(lifetime.ApplicationStopping.IsCancellationRequested);

            source.Change(("Api:Url", "https://b"));

            await stopping.Task.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Single(logs.At(114));
            await host.WaitForShutdownAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    [Fact]
    public async Task Unknown_keys_can_be_warnings_instead_of_errors()
    {
        var (host, _, logs) = TestHosts.Build(
            TestHosts.Data(("Api:Url", "https://a"), ("Api:Timout", "1s")),
            services => services.AddSettings<Endpoint>("Api", o => o.UnknownKeys = UnknownKeyPolicy.Warn));
        using (host)
        {
            await host.StartAsync();
            var warning = Assert.Single(logs.At(101));
            Assert.Contains("Api:Timout: unknown setting: Endpoint has no member 'Timout' (did you mean 'Timeout'?)", warning.Text);
            await host.StopAsync();
        }
    }
}
