using Config.Providers.Tests.Support;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Config.Providers.Tests.Settings;

public class StartupValidationTests
{
    private static readonly (string, string?)[] Valid =
    [
        ("Orders:ServiceName", "orders"),
        ("Orders:Database:Host", "db.internal"),
        ("Orders:Database:Password", "correct-horse-battery"),
    ];

    private static (IHost Host, ReloadableMemoryConfiguration Source, CapturedLogs Logs) Build(params (string, string?)[] pairs) =>
        TestHosts.Build(TestHosts.Data(pairs), services =>
        {
            services.AddScoped<ReservedNames>();
            services.AddScoped<IValidator<OrdersSettings>, OrdersSettingsValidator>();
            services.AddSettings<OrdersSettings>("Orders", o => o.UnknownKeys = UnknownKeyPolicy.Error);
        });

    [Fact]
    public async Task Valid_settings_start_the_host_and_are_bound()
    {
        var (host, _, _) = Build(Valid);
        using (host)
        {
            await host.StartAsync();
            var settings = host.Services.GetRequiredService<IOptionsMonitor<OrdersSettings>>().CurrentValue;
            Assert.Equal("db.internal", settings.Database.Host);
            Assert.Equal("orders", settings.ServiceName);
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task The_host_does_not_start_and_every_problem_is_reported_at_once()
    {
        var (host, _, _) = Build(
            ("Orders:ServiceName", "admin"),
            ("Orders:Database:Port", "abc"),
            ("Orders:Database:Password", "short"),
            ("Orders:MaxConcurrency", "5000"),
            ("Orders:RequestTimeout", "30"),
            ("Orders:Logging:Levle", "Debug"));
        using (host)
        {
            var error = await Assert.ThrowsAnyAsync<OptionsValidationException>(() => host.StartAsync());
            var message = error.Message;

            // Conversion problems, with the source of the value.
            Assert.Contains("Orders:Database:Port: 'abc' is not a valid Int32: expected an integer from -2147483648 to 2147483647 (from test source)", message);
            Assert.Contains("Orders:RequestTimeout: '30' is not a valid duration: a bare number is ambiguous", message);

            // An unknown key, with a suggestion.
            Assert.Contains("Orders:Logging:Levle: unknown setting: LoggingSettings has no member 'Levle' (did you mean 'Level'?)", message);

            // DataAnnotations, nested objects included.
            Assert.Contains("Orders:Database:Host: The Host field is required.", message);
            Assert.Contains("Orders:MaxConcurrency: The field MaxConcurrency must be between 1 and 1000. (from test source)", message);
            Assert.Contains("Orders:Database:Password: The password must be at least 8 characters without spaces.", message);

            // FluentValidation, async rule from a scoped validator.
            Assert.Contains("Orders:ServiceName: 'admin' is a reserved service name (from test source)", message);

            // The unconvertible port is reported once, not again by a rule looking at the default left in its place.
            Assert.Single(error.Failures, f => f.StartsWith("Orders:Database:Port:", StringComparison.Ordinal));
            Assert.Equal(7, error.Failures.Count());
            Assert.Equal(typeof(OrdersSettings), error.OptionsType);
        }
    }

    [Fact]
    public async Task Scoped_validators_are_resolved_in_a_scope_and_disposed_with_it()
    {
        var before = Volatile.Read(ref ReservedNames.Disposed);
        var (host, _, _) = Build(Valid);
        using (host)
        {
            await host.StartAsync();
            Assert.True(Volatile.Read(ref ReservedNames.Disposed) > before);
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task Async_rules_do_not_deadlock_under_a_synchronization_context_that_is_never_pumped()
    {
        var (host, _, _) = Build(Valid);
        using (host)
        {
            var monitor = host.Services.GetRequiredService<IOptionsMonitor<OrdersSettings>>();
            var thread = new Thread(() =>
            {
                SynchronizationContext.SetSynchronizationContext(new NeverPumpedContext());
                _ = monitor.CurrentValue;
            })
            {
                // A regression must fail this test, not keep the test process alive.
                IsBackground = true,
            };
            thread.Start();
            Assert.True(thread.Join(TimeSpan.FromSeconds(20)), "validation blocked on the caller's synchronization context");
        }
    }

    [Fact]
    public async Task Several_invalid_types_fail_the_start_with_one_problem_per_line_grouped_by_type_each_once()
    {
        var (host, _, _) = TestHosts.Build(
            TestHosts.Data(("Orders:ServiceName", "orders"), ("Orders:Database:Port", "abc"), ("Orders:RequestTimeout", "30"), ("Limits:Max", "0")),
            services =>
            {
                services.AddScoped<ReservedNames>();
                services.AddSettings<OrdersSettings>("Orders");
                services.AddSettings<LimitSettings>("Limits");
            });
        using (host)
        {
            var error = await Assert.ThrowsAnyAsync<AggregateException>(() => host.StartAsync());
            Assert.Equal(2, error.InnerExceptions.Count);
            Assert.All(error.InnerExceptions, e => Assert.IsAssignableFrom<OptionsValidationException>(e));

            var lines = error.Message.Split(Environment.NewLine);
            Assert.StartsWith("Settings are invalid; 4 problem(s) in 2 settings type(s):", lines[0]);
            Assert.Equal("OrdersSettings (section 'Orders'):", lines[1]);
            Assert.Contains(lines, l => l.StartsWith("  Orders:Database:Port: 'abc' is not a valid Int32", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("  Orders:RequestTimeout: '30' is not a valid duration", StringComparison.Ordinal));
            Assert.Contains("LimitSettings (section 'Limits'):", lines);
            Assert.Contains(lines, l => l.StartsWith("  Limits:Max: The field Max must be between 1 and 10.", StringComparison.Ordinal));

            // What the runtime prints for an unhandled exception names each problem once, not once per nesting level.
            var printed = error.ToString();
            Assert.Equal(1, printed.Split("Orders:Database:Port: 'abc'").Length - 1);
            Assert.Equal(1, printed.Split("Limits:Max:").Length - 1);
        }
    }

    public sealed class LimitSettings
    {
        [System.ComponentModel.DataAnnotations.Range(1, 10)]
        public int Max { get; set; } = 5;
    }

    [Fact]
    public async Task Validation_that_is_not_started_by_the_host_still_throws_on_first_use()
    {
        var (host, _, _) = Build(("Orders:Database:Host", "db"));
        using (host)
        {
            var monitor = host.Services.GetRequiredService<IOptionsMonitor<OrdersSettings>>();
            var error = Assert.ThrowsAny<OptionsValidationException>(() => monitor.CurrentValue);
            Assert.Contains("Orders:ServiceName: The ServiceName field is required.", error.Message);
            await Task.CompletedTask;
        }
    }

    /// <summary>Queues continuations that nobody runs: a naive GetAwaiter().GetResult() under it hangs forever.</summary>
    private sealed class NeverPumpedContext : SynchronizationContext
    {
        public override void Post(SendOrPostCallback d, object? state)
        {
        }
    }
}
