using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Config.Providers.Consul;

/// <summary>Builds the HTTP handler for Consul: pooled connections, and TLS as configured (verification on by default).</summary>
internal static class ConsulHttpHandler
{
    public static SocketsHttpHandler Create(ConsulClientOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
        var tls = options.Tls;
        if (tls.CaCertificateFile is null && tls.ClientCertificateFile is null && tls.ServerName is null && !tls.InsecureSkipVerify)
        {
            return handler;
        }

        var ssl = new SslClientAuthenticationOptions { TargetHost = tls.ServerName };
        if (tls.ClientCertificateFile is not null)
        {
            ssl.ClientCertificates = [X509Certificate2.CreateFromPemFile(tls.ClientCertificateFile, tls.ClientKeyFile)];
        }

        if (tls.InsecureSkipVerify)
        {
            ssl.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
        }
        else if (tls.CaCertificateFile is not null)
        {
            var roots = new X509Certificate2Collection();
            roots.ImportFromPemFile(tls.CaCertificateFile);
            ssl.RemoteCertificateValidationCallback = (_, certificate, _, errors) => ValidateAgainst(roots, certificate, errors);
        }

        handler.SslOptions = ssl;
        return handler;
    }

    /// <summary>Trusts only the configured CA(s); a name mismatch or a missing certificate still fails.</summary>
    private static bool ValidateAgainst(X509Certificate2Collection roots, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(new X509Certificate2(certificate));
    }
}
