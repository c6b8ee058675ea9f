namespace Config.Providers.Consul;

/// <summary>TLS for the Consul connection. Certificate verification is on unless <see cref="InsecureSkipVerify"/> is set.</summary>
public sealed class ConsulTlsOptions
{
    /// <summary>A PEM file with the CA certificate(s) that sign Consul's certificate.</summary>
    public string? CaCertificateFile { get; set; }

    /// <summary>A PEM client certificate for mutual TLS (with <see cref="ClientKeyFile"/>).</summary>
    public string? ClientCertificateFile { get; set; }

    /// <summary>The PEM private key of <see cref="ClientCertificateFile"/>.</summary>
    public string? ClientKeyFile { get; set; }

    /// <summary>The name the server certificate must carry, checked by the library itself (so it holds when the address is an IP or differs).</summary>
    public string? ServerName { get; set; }

    /// <summary>Turns certificate verification off. Only for tests; logged as a warning.</summary>
    public bool InsecureSkipVerify { get; set; }
}
