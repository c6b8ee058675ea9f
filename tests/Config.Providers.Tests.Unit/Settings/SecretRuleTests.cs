using Config.Providers.Settings.Redaction;
using Microsoft.Extensions.Configuration;

namespace Config.Providers.Tests.Settings;

/// <summary>The one redaction rule: secret names, and secret parts of values whatever their key (issue 23's misses included).</summary>
public class SecretRuleTests
{
    [Theory]
    [InlineData("DB_PASS")]
    [InlineData("SMTP_PASS")]
    [InlineData("X-Api-Pass")]
    [InlineData("Jwt:Key")]
    [InlineData("Payments:SigningKey")]
    [InlineData("Http:Authorization")]
    [InlineData("Upstream:BearerValue")]
    [InlineData("Database:Password")]
    [InlineData("api-key")]
    [InlineData("ClientSecret")]
    public void Names_that_hold_secrets(string key) => Assert.True(SecretKeys.LooksSecret(key), key);

    [Theory]
    [InlineData("Database:Host")]
    [InlineData("Orders:Port")]
    [InlineData("Logging:LogLevel:Default")]
    [InlineData("Keyboard:Layout")]
    public void Names_that_do_not(string key) => Assert.False(SecretKeys.LooksSecret(key), key);

    [Theory]
    [InlineData("amqp://root:Ikx538noq5@rabbit:5672/", "amqp://root:[redacted]@rabbit:5672/")]
    [InlineData("mysql://app:p@ss:w/rd@db:3306", "mysql://app:[redacted]@db:3306")]
    [InlineData("Server=db;User Id=app;Password=hunter2;Pooling=true", "Server=db;User Id=app;Password=[redacted];Pooling=true")]
    [InlineData("Host=db;pwd = 'a;b';Port=5432", "Host=db;pwd =[redacted];Port=5432")]
    [InlineData("Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig", "Bearer [redacted]")]
    [InlineData("-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----", "[redacted]")]
    [InlineData("https://example.com/path?q=1", "https://example.com/path?q=1")]
    [InlineData("plain value", "plain value")]
    public void Secret_parts_of_values_are_masked_whatever_the_key(string value, string shown)
    {
        Assert.Equal(shown, SecretValues.Redact(value));
        Assert.Equal(value != shown, SecretKeys.LooksSecretValue(value));
    }

    [Fact]
    public void The_redacted_debug_view_masks_secret_parts_under_ordinary_keys()
    {
        var root = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Orders:Database"] = "Server=db;Password=hunter2",
            ["Orders:Broker"] = "amqp://root:Ikx538noq5@rabbit:5672/",
            ["Orders:Upstream"] = "Bearer tok_live_5up3r53cr3t",
            ["DB_PASS"] = "pa55",
        }).Build();

        var view = root.GetRedactedDebugView();

        Assert.DoesNotContain("hunter2", view);
        Assert.DoesNotContain("Ikx538noq5", view);
        Assert.DoesNotContain("5up3r53cr3t", view);
        Assert.DoesNotContain("pa55", view);
        Assert.Contains("amqp://root:[redacted]@rabbit:5672/", view);
    }
}
