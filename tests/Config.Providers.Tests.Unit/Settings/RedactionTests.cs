using Microsoft.Extensions.Configuration;
using Config.Providers.Tests.Support;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Config.Providers.Tests.Settings;

/// <summary>A secret value must appear in no exception text, no log line and no report.</summary>
public class RedactionTests
{
    private const string Password = "my password is hunter2";
    private const string NewPassword = "password-rotated-9";
    private const string Token = "tok_live_5up3r53cr3t";

    public sealed class Secrets
    {
        [Secret]
        public int Pin { get; set; }

        public string? ApiToken { get; set; }

        public Dictionary<string, string> ConnectionStrings { get; set; } = new();

        [Mutable]
        public int Level { get; set; }
    }

    private static string AllText(Exception e) => e.ToString() + string.Concat(e is OptionsValidationException o ? o.Failures : []);

    [Fact]
    public async Task Secret_values_never_appear_in_startup_errors_or_logs()
    {
        var (host, _, logs) = TestHosts.Build(
            TestHosts.Data(
                ("Orders:ServiceName", "orders"),
                ("Orders:Database:Host", "db"),
                ("Orders:Database:Password", Password),
                ("Orders:Database:ApiToken:Nested", Token)),
            services =>
            {
                services.AddScoped<ReservedNames>();
                services.AddScoped<IValidator<OrdersSettings>, OrdersSettingsValidator>();
                services.AddSettings<OrdersSettings>("Orders");
            });
        using (host)
        {
            var error = await Assert.ThrowsAnyAsync<OptionsValidationException>(() => host.StartAsync());

            // The regex rule and the FluentValidation rule (which quotes {PropertyValue}) both fired …
            Assert.Contains("Orders:Database:Password: The password must be at least 8 characters", error.Message);
            Assert.Contains($"Orders:Database:Password: the password '{SecretAttribute.Mask}' is too guessable", error.Message);
            Assert.Contains("Orders:Database:ApiToken: expected a single String value, found child keys", error.Message);

            // … and neither the password nor the token is anywhere.
            Assert.DoesNotContain(Password, AllText(error));
            Assert.DoesNotContain(Token, AllText(error));
            Assert.DoesNotContain(logs.Lines, l => l.Contains(Password, StringComparison.Ordinal) || l.Contains(Token, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Conversion_errors_mask_secret_values_by_attribute_and_by_key_name()
    {
        var (host, _, _) = TestHosts.Build(
            TestHosts.Data(("S:Pin", "12x4-secret-pin"), ("S:ConnectionStrings:Main", "Host=db;Password=pw"), ("S:ConnectionStrings:Bad:X", "Host=db;Password=pw2")),
            services => services.AddSettings<Secrets>("S"));
        using (host)
        {
            var error = await Assert.ThrowsAnyAsync<OptionsValidationException>(() => host.StartAsync());
            Assert.Contains($"S:Pin: {SecretAttribute.Mask} is not a valid Int32", error.Message);
            Assert.DoesNotContain("12x4-secret-pin", AllText(error));
            Assert.DoesNotContain("Password=pw", AllText(error));
        }
    }

    [Fact]
    public async Task Reload_reports_and_logs_mask_secret_values()
    {
        var (host, source, logs) = TestHosts.Build(
            TestHosts.Data(("S:Pin", "1234"), ("S:ApiToken", Token), ("S:Level", "1")),
            services => services.AddSettings<Secrets>("S"));
        using (host)
        {
            await host.StartAsync();
            var reports = new List<SettingsReloadReport>();
            using var subscription = host.Services.GetRequiredService<ISettingsChangeFeed>().Subscribe(new Observer<SettingsReloadReport>(reports.Add));

            source.Change(("S:ApiToken", NewPassword), ("S:Pin", "9876"));
            source.Change(("S:Pin", "not-a-pin-" + NewPassword));

            var pending = reports[0].Changes.Single(c => c.Key == "S:ApiToken");
            Assert.Equal((SecretAttribute.Mask, SecretAttribute.Mask), (pending.OldValue, pending.NewValue));
            Assert.Equal(ReloadOutcome.Rejected, reports[1].Outcome);
            var everything = string.Join("\n", reports.Select(r => r.ToString() + string.Join(";", r.Changes) + string.Join(";", r.Problems))) + string.Join("\n", logs.Lines);
            foreach (var secret in new[] { Token, NewPassword, "1234", "9876" })
            {
                Assert.DoesNotContain(secret, everything);
            }

            await host.StopAsync();
        }
    }

    [Fact]
    public void The_redacted_debug_view_masks_secret_looking_keys_and_everything_below_them()
    {
        var root = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Db:Host"] = "db.internal",
            ["Db:Password"] = Password,
            ["Secrets:Stripe"] = Token,
            ["API_KEY"] = NewPassword,
        }).Build();

        var view = root.GetRedactedDebugView();

        Assert.Contains("Host=db.internal", view);
        Assert.Contains($"Password={SecretAttribute.Mask}", view);
        Assert.Contains($"Stripe={SecretAttribute.Mask}", view);
        Assert.Contains($"API_KEY={SecretAttribute.Mask}", view);
        foreach (var secret in new[] { Password, Token, NewPassword })
        {
            Assert.DoesNotContain(secret, view);
        }
    }
}
