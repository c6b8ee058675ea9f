using Config.Providers.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Config.Providers.Tests.Settings;

/// <summary>
/// Binding and validation — user code — run outside the settings pipeline's lock (issue 19): a validator that waits on
/// another thread which needs the pipeline (the options monitor asking for its next change token, as it does whenever
/// a change fires) finishes, where it used to wait out its timeout; a validator that reloads the configuration
/// itself does not deadlock either.
/// </summary>
public sealed class UserCodeOutsideLockTests : IAsyncLifetime
{
    private readonly ScriptedValidator validator = new();
    private IHost host = null!;
    private ReloadableMemoryConfiguration source = null!;
    private IOptionsMonitor<Knob> monitor = null!;

    public sealed class Knob
    {
        [Mutable]
        public int Level { get; set; }
    }

    private sealed class ScriptedValidator : IValidateOptions<Knob>
    {
        public Func<Knob, ValidateOptionsResult> Validate { get; set; } = _ => ValidateOptionsResult.Success;

        ValidateOptionsResult IValidateOptions<Knob>.Validate(string? name, Knob options) => Validate(options);
    }

    public async Task InitializeAsync()
    {
        (host, source, _) = TestHosts.Build(TestHosts.Data(("Knob:Level", "1")), services =>
        {
            services.AddSingleton<IValidateOptions<Knob>>(validator);
            services.AddSettings<Knob>("Knob");
        });
        await host.StartAsync();
        monitor = host.Services.GetRequiredService<IOptionsMonitor<Knob>>();
        Assert.Equal(1, monitor.CurrentValue.Level);
    }

    public async Task DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }

    [Fact]
    public void A_validator_that_waits_for_another_thread_asking_for_the_change_token_finishes()
    {
        var sources = host.Services.GetServices<IOptionsChangeTokenSource<Knob>>().ToList();
        bool? otherThreadFinished = null;
        validator.Validate = knob =>
        {
            if (knob.Level == 2)
            {
                // The other thread takes what the pipeline guards; under the old lock it waited for this validator.
                var other = Task.Run(() => sources.ForEach(s => s.GetChangeToken()));
                otherThreadFinished = other.Wait(TimeSpan.FromSeconds(5));
            }

            return ValidateOptionsResult.Success;
        };

        source.Change(("Knob:Level", "2"));

        Assert.True(otherThreadFinished, "the other thread was still blocked after 5 s");
        Assert.Equal(2, monitor.CurrentValue.Level);
    }

    [Fact]
    public void A_validator_that_reloads_the_configuration_itself_completes_and_the_value_is_applied()
    {
        var root = (IConfigurationRoot)host.Services.GetRequiredService<IConfiguration>();
        var reloads = 0;
        validator.Validate = knob =>
        {
            if (knob.Level == 3 && Interlocked.Increment(ref reloads) == 1)
            {
                root.Reload();
            }

            return ValidateOptionsResult.Success;
        };

        var change = Task.Run(() => source.Change(("Knob:Level", "3")));

        Assert.True(change.Wait(TimeSpan.FromSeconds(10)), "the reload did not complete");
        Assert.Equal(3, monitor.CurrentValue.Level);
        Assert.True(reloads >= 1);
    }
}
