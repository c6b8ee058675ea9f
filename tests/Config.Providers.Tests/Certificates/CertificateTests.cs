using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Config.Providers.Settings.Coercion;
using Config.Providers.Consul;
using Config.Providers.Testing;
using Config.Providers.Tests.Consul;
using Config.Providers.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Config.Providers.Tests.Certificates;

/// <summary>Certificates as settings: PEM text (from Consul or any source) bound to X509Certificate2, and rotated live in Kestrel.</summary>
public sealed class CertificateTests(ConsulAgentFixture consul) : IClassFixture<ConsulAgentFixture>
{
    public sealed class TlsSettings
    {
        [Mutable]
        public X509Certificate2? Certificate { get; set; }
    }

    private static (string Pem, string Thumbprint) NewCertificate(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return (certificate.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem(), certificate.Thumbprint);
    }

    [Fact]
    public void Pem_text_binds_to_a_certificate_with_its_key_and_bad_pem_is_named_without_its_content()
    {
        var (pem, thumbprint) = NewCertificate("orders.internal");
        Assert.True(PemCertificateParser.TryParse(pem, out var value, out _));
        var certificate = Assert.IsType<X509Certificate2>(value);
        Assert.Equal((thumbprint, true), (certificate.Thumbprint, certificate.HasPrivateKey));

        var certificateOnly = pem[..(pem.IndexOf("-----END CERTIFICATE-----", StringComparison.Ordinal) + 25)];
        Assert.True(PemCertificateParser.TryParse(certificateOnly, out value, out _));
        Assert.False(((X509Certificate2)value!).HasPrivateKey);

        var (other, _) = NewCertificate("other");
        var mismatched = certificateOnly + "\n" + other[other.IndexOf("-----BEGIN PRIVATE KEY-----", StringComparison.Ordinal)..];
        Assert.False(PemCertificateParser.TryParse(mismatched, out _, out var reason));
        Assert.Contains("do not form a valid pair", reason);

        // Through AddSettings: the key is named, the value (it holds a private key) never shown.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("Tls:Certificate", "-----BEGIN PRIVATE KEY-----\nMIIEvQ\n-----END PRIVATE KEY-----")]).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddSettings<TlsSettings>("Tls");
        using var provider = services.BuildServiceProvider();
        var error = Assert.ThrowsAny<OptionsValidationException>(() => provider.GetRequiredService<IOptions<TlsSettings>>().Value);
        Assert.Contains("Tls:Certificate: [redacted] is not a valid PEM certificate: expected a PEM certificate (-----BEGIN CERTIFICATE-----)", error.Message);
        Assert.DoesNotContain("MIIEvQ", error.Message);
    }

    [Fact]
    public async Task Kestrel_serves_the_bound_certificate_and_a_mutable_one_rotates_for_new_connections_without_a_restart()
    {
        var (first, firstThumbprint) = NewCertificate("first.orders.internal");
        var (second, secondThumbprint) = NewCertificate("second.orders.internal");
        var source = new ReloadableMemoryConfiguration(new Dictionary<string, string?> { ["Tls:Certificate"] = first });
        var port = TestPorts.Next();

        var builder = WebApplication.CreateBuilder();
        builder.Configuration.Sources.Clear();
        ((IConfigurationBuilder)builder.Configuration).Add(source);
        builder.Services.AddSettings<TlsSettings>("Tls");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen => listen.UseHttpsFromSettings<TlsSettings>(s => s.Certificate)));
        await using var app = builder.Build();
        app.MapGet("/", () => "ok");
        await app.StartAsync();

        Assert.Equal(firstThumbprint, await ServerThumbprint(port));

        var monitor = app.Services.GetRequiredService<IOptionsMonitor<TlsSettings>>();
        var rotated = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = monitor.OnChange(s => { if (s.Certificate?.Thumbprint == secondThumbprint) { rotated.TrySetResult(); } });
        source.Change(("Tls:Certificate", second));
        await rotated.Task.WaitAsync(ReloadWaits.Timeout);

        Assert.Equal(secondThumbprint, await ServerThumbprint(port));
        await app.StopAsync();
    }

    [Fact]
    public async Task Kestrel_refuses_to_start_without_a_certificate_or_its_private_key_naming_the_settings()
    {
        var (pem, _) = NewCertificate("orders.internal");
        var certificateOnly = pem[..(pem.IndexOf("-----END CERTIFICATE-----", StringComparison.Ordinal) + 25)];
        foreach (var (value, expected) in new[] { ((string?)certificateOnly, "TlsSettings's certificate (CN=orders.internal, expires "), (null, "TlsSettings holds no certificate for this HTTPS endpoint") })
        {
            var builder = WebApplication.CreateBuilder();
            builder.Configuration.Sources.Clear();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Tls:Certificate"] = value });
            builder.Services.AddSettings<TlsSettings>("Tls");
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, TestPorts.Next(), listen => listen.UseHttpsFromSettings<TlsSettings>(s => s.Certificate)));
            // Kestrel configures its endpoints while the server is made (building or starting the app, by version).
            var error = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            {
                await using var app = builder.Build();
                await app.StartAsync();
            });
            Assert.StartsWith(expected, error.Message);
        }
    }

    /// <summary>A real TLS handshake; returns the certificate the server presented.</summary>
    private static async Task<string> ServerThumbprint(int port)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port).WaitAsync(ReloadWaits.Timeout);
        X509Certificate2? seen = null;
        await using var tls = new SslStream(client.GetStream(), false, (_, certificate, _, _) =>
        {
            seen = certificate is null ? null : new X509Certificate2(certificate);
            return true;
        });
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "localhost" }).WaitAsync(ReloadWaits.Timeout);
        return seen!.Thumbprint;
    }

    [ConsulFact]
    public async Task A_certificate_stored_in_Consul_binds_at_startup_and_a_renewed_one_applies_live()
    {
        // The Wazo ADR: "the SSL certificates for the internal API can be stored in Consul and each service can get them at startup".
        var (first, firstThumbprint) = NewCertificate("api.internal");
        var (renewed, renewedThumbprint) = NewCertificate("api.internal");
        var service = "tls" + Guid.NewGuid().ToString("N")[..8];
        await consul.Agent.SeedAsync([($"config/{service}/Tls/Certificate", first)]);
        var configuration = new ConfigurationBuilder().AddConsulKv(s =>
        {
            s.Client = new ConsulClientOptions { Address = consul.Agent.Address };
            s.Service = service;
            s.WaitTime = TimeSpan.FromSeconds(5);
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddSettings<TlsSettings>("Tls");
        await using var provider = services.BuildServiceProvider();
        var monitor = provider.GetRequiredService<IOptionsMonitor<TlsSettings>>();
        Assert.Equal((firstThumbprint, true), (monitor.CurrentValue.Certificate!.Thumbprint, monitor.CurrentValue.Certificate.HasPrivateKey));

        var rotated = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = monitor.OnChange(s => { if (s.Certificate?.Thumbprint == renewedThumbprint) { rotated.TrySetResult(); } });
        await consul.Agent.SeedAsync([($"config/{service}/Tls/Certificate", renewed)]);
        await rotated.Task.WaitAsync(ReloadWaits.Timeout);
        (configuration as IDisposable)?.Dispose();
    }
}
