using Config.Providers.Consul;
using Config.Providers.Testing;
using Config.Providers.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace Config.Providers.Tests.Consul;

/// <summary>TLS to a real agent with its own CA: verified by default, trusted through the configured CA, off only on request.</summary>
public sealed class ConsulTlsTests
{
    [ConsulFact]
    public async Task Https_is_verified_against_the_configured_ca_and_server_name()
    {
        await using var agent = await ConsulAgent.StartAsync(tls: true);
        using (var consul = agent.Client())
        {
            await consul.PutAsync("config/orders/Port", "8443");
        }

        var https = new Uri($"https://127.0.0.1:{agent.HttpsPort}");

        // The agent's CA is not trusted by the system: verification (on by default) refuses it.
        using var untrusted = new ConsulHttpClient(new ConsulClientOptions { Address = https });
        var refused = await Assert.ThrowsAsync<ConsulException>(() => untrusted.ListAsync("config/orders"));
        Assert.Contains("unreachable", refused.Message);

        // Trusting its CA and checking the name the certificate carries: accepted.
        var logs = new CapturedLogs();
        using var configuration = (ConfigurationRoot)new ConfigurationBuilder().AddConsulKv(s =>
        {
            s.Client = new ConsulClientOptions { Address = https, Tls = { CaCertificateFile = agent.CaCertificateFile, ServerName = "server.dc1.consul" } };
            s.Service = "orders";
            s.ReloadOnChange = false;
            s.LoggerFactory = logs.Factory();
        }).Build();
        Assert.Equal("8443", configuration["Port"]);

        // The right CA but the wrong name: refused.
        using var wrongName = new ConsulHttpClient(new ConsulClientOptions { Address = https, Tls = { CaCertificateFile = agent.CaCertificateFile, ServerName = "someone-else.example" } });
        await Assert.ThrowsAsync<ConsulException>(() => wrongName.ListAsync("config/orders"));

        // Verification off: only when asked, and logged.
        using var insecure = (ConfigurationRoot)new ConfigurationBuilder().AddConsulKv(s =>
        {
            s.Client = new ConsulClientOptions { Address = https, Tls = { InsecureSkipVerify = true } };
            s.Service = "orders";
            s.ReloadOnChange = false;
            s.LoggerFactory = logs.Factory();
        }).Build();
        Assert.Equal("8443", insecure["Port"]);
        Assert.Single(logs.At(307));
    }
}
