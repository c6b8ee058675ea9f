using Config.Providers.Consul;

namespace Config.Providers.Discovery;

/// <summary>
/// What the configuration section says about the Consul connection. Applied over what the variables located (see
/// <see cref="ServiceDiscoverySources.LocateConsul"/>): a setting the section names replaces the variable's, one by one,
/// so an address from <c>appsettings.json</c> still travels with the token from <c>CONSUL_HTTP_TOKEN</c>.
/// </summary>
internal sealed class ConsulClientSection
{
    /// <summary>The address, or null to keep the located one.</summary>
    public Uri? Address { get; set; }

    /// <summary>Where <see cref="Address"/> was set, for "found via" messages.</summary>
    public string AddressOrigin { get; set; } = "configuration";

    public string? Token { get; set; }

    public string? Datacenter { get; set; }

    public ConsulConsistency? Consistency { get; set; }

    public TimeSpan? RequestTimeout { get; set; }

    public string? CaCertificateFile { get; set; }

    public string? ClientCertificateFile { get; set; }

    public string? ClientKeyFile { get; set; }

    public string? ServerName { get; set; }

    public bool? InsecureSkipVerify { get; set; }

    /// <summary>The location with every setting the section names put over it.</summary>
    public ConsulLocation ApplyTo(ConsulLocation located)
    {
        var options = located.Options;
        options.Address = Address ?? options.Address;
        options.Token = Token ?? options.Token;
        options.Datacenter = Datacenter ?? options.Datacenter;
        options.Consistency = Consistency ?? options.Consistency;
        options.RequestTimeout = RequestTimeout ?? options.RequestTimeout;
        options.Tls.CaCertificateFile = CaCertificateFile ?? options.Tls.CaCertificateFile;
        options.Tls.ClientCertificateFile = ClientCertificateFile ?? options.Tls.ClientCertificateFile;
        options.Tls.ClientKeyFile = ClientKeyFile ?? options.Tls.ClientKeyFile;
        options.Tls.ServerName = ServerName ?? options.Tls.ServerName;
        options.Tls.InsecureSkipVerify = InsecureSkipVerify ?? options.Tls.InsecureSkipVerify;
        return Address is null ? located : located with { Origin = AddressOrigin, Explicit = true };
    }
}
