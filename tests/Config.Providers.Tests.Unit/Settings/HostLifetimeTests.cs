using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Config.Providers.Tests.Settings;

/// <summary>
/// AddSettings validates from the host's lifetime, which it wraps: the lifetime the host had still runs, is asked
/// after the check, and is disposed with the host as the container would have disposed it.
/// </summary>
public sealed class HostLifetimeTests
{
    public sealed class Limits
    {
        [System.ComponentModel.DataAnnotations.Range(1, 10)]
        public int Level { get; set; } = 1;
    }

    private sealed class RecordingLifetime : IHostLifetime, IDisposable
    {
        public RecordingLifetime() => Last = this;

        /// <summary>The one the host made last (the tests of this class run one after another).</summary>
        public static RecordingLifetime? Last { get; private set; }

        public int Waited;
        public int Disposed;

        public Task WaitForStartAsync(CancellationToken cancellationToken)
        {
            Waited++;
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose() => Disposed++;
    }

    private static IHost Build(string level)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        ((Microsoft.Extensions.Configuration.IConfigurationBuilder)builder.Configuration).Add(new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
        {
            InitialData = [new("Limits:Level", level)],
        });
        builder.Services.AddSingleton<IHostLifetime, RecordingLifetime>();   // by type: the container would dispose it
        builder.Services.AddSettings<Limits>("Limits");
        return builder.Build();
    }

    [Fact]
    public async Task The_hosts_own_lifetime_is_asked_after_the_check_and_disposed_with_the_host()
    {
        var host = Build("5");
        await host.StartAsync();
        var recording = RecordingLifetime.Last!;
        Assert.Equal(1, recording.Waited);
        await host.StopAsync();
        host.Dispose();
        Assert.Equal(1, recording.Disposed);
    }

    [Fact]
    public async Task Invalid_settings_stop_the_start_before_the_hosts_lifetime_is_asked()
    {
        using var host = Build("50");
        await Assert.ThrowsAnyAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Equal(0, RecordingLifetime.Last!.Waited);
    }
}
