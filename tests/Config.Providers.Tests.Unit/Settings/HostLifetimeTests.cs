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

    private static IHost Build(string level, Action<IServiceCollection>? register = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        ((Microsoft.Extensions.Configuration.IConfigurationBuilder)builder.Configuration).Add(new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
        {
            InitialData = [new("Limits:Level", level)],
        });
        (register ?? (s => s.AddSingleton<IHostLifetime, RecordingLifetime>()))(builder.Services);   // by type: the container would dispose it
        builder.Services.AddSettings<Limits>("Limits");
        return builder.Build();
    }

    [Fact]
    public Task A_lifetime_made_by_a_factory_is_asked_and_disposed_with_the_host() =>
        AssertAskedAfterTheCheckAndDisposedWithTheHost(s => s.AddSingleton<IHostLifetime>(_ => new RecordingLifetime()));

    private static async Task AssertAskedAfterTheCheckAndDisposedWithTheHost(Action<IServiceCollection>? register)
    {
        var host = Build("5", register);
        await host.StartAsync();
        var recording = RecordingLifetime.Last!;
        Assert.Equal(1, recording.Waited);
        await host.StopAsync();
        host.Dispose();
        Assert.Equal(1, recording.Disposed);
    }

    [Fact]
    public async Task A_lifetime_registered_as_an_instance_is_asked_and_left_to_its_owner()
    {
        var mine = new RecordingLifetime();
        var host = Build("5", s => s.AddSingleton<IHostLifetime>(mine));
        await host.StartAsync();
        Assert.Equal(1, mine.Waited);
        await host.StopAsync();
        host.Dispose();
        Assert.Equal(0, mine.Disposed);   // the container never disposes an instance it was handed
    }

    [Fact]
    public void Nothing_is_registered_under_a_key_so_containers_without_keyed_services_build_the_host()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        var before = builder.Services.Count(d => d.IsKeyedService);
        builder.Services.AddSettings<Limits>("Limits");
        Assert.Equal(before, builder.Services.Count(d => d.IsKeyedService));
    }

    [Fact]
    public Task The_hosts_own_lifetime_is_asked_after_the_check_and_disposed_with_the_host() =>
        AssertAskedAfterTheCheckAndDisposedWithTheHost(register: null);

    [Fact]
    public async Task Invalid_settings_stop_the_start_before_the_hosts_lifetime_is_asked()
    {
        using var host = Build("50");
        await Assert.ThrowsAnyAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Equal(0, RecordingLifetime.Last!.Waited);
    }
}
