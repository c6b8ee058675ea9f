using Config.Providers.Consul;
using Microsoft.Extensions.Configuration;

namespace Config.Providers.Discovery;

/// <summary>
/// Reads <see cref="ServiceDiscoveryOptions"/> from a configuration section (<c>ConfigProviders</c>; schema in
/// docs/service-discovery.md), so that where Consul is and what is read can be set in <c>appsettings.json</c>,
/// variables (<c>ConfigProviders__Consul__Address</c>) or the command line. Applied before the code's own
/// <c>configure</c>, so code wins. Every problem — a value that cannot be read, a setting that does not exist — is
/// listed at once and stops the start.
/// </summary>
internal static class ServiceDiscoverySection
{
    private static readonly Dictionary<string, ConsulConsistency> Consistencies = new(StringComparer.OrdinalIgnoreCase)
    {
        ["default"] = ConsulConsistency.Default,
        ["stale"] = ConsulConsistency.Stale,
        ["consistent"] = ConsulConsistency.Consistent,
    };

    /// <summary>Applies the section at <paramref name="sectionPath"/> to <paramref name="options"/>; nothing when it is absent.</summary>
    /// <exception cref="InvalidOperationException">The section holds a value that cannot be read or an unknown setting.</exception>
    public static void Apply(IConfiguration configuration, string sectionPath, ServiceDiscoveryOptions options)
    {
        var section = new SectionReader(configuration, sectionPath);
        if (!section.Exists)
        {
            return;
        }

        options.ServiceName = section.String("ServiceName") ?? options.ServiceName;
        options.Environment = section.String("Environment") ?? options.Environment;
        options.EnvironmentPrefix = section.String("EnvironmentPrefix") ?? options.EnvironmentPrefix;
        options.YamlFile = section.String("YamlFile") ?? options.YamlFile;
        options.YamlFileRequired = section.Bool("YamlFileRequired") ?? options.YamlFileRequired;
        options.DotCloudEnvironmentFile = section.String("DotCloudEnvironmentFile") ?? options.DotCloudEnvironmentFile;
        options.DotCloudEnvironmentFileRequired = section.Bool("DotCloudEnvironmentFileRequired") ?? options.DotCloudEnvironmentFileRequired;
        Replace(options.EnvFiles, section.List("EnvFiles"));
        options.EnvFilesRequired = section.Bool("EnvFilesRequired") ?? options.EnvFilesRequired;
        Replace(options.EndpointVariablePrefixes, section.List("EndpointVariablePrefixes"));
        options.SerfServicesFile = section.String("SerfServicesFile") ?? options.SerfServicesFile;
        Replace(options.RequiredServices, section.List("RequiredServices"));
        options.RequiredServicesTimeout = section.Duration("RequiredServicesTimeout") ?? options.RequiredServicesTimeout;
        options.ReloadOnChange = section.Bool("ReloadOnChange") ?? options.ReloadOnChange;
        ApplyConsul(section, sectionPath, options);

        section.CheckUnknown();
        if (section.Problems.Count > 0)
        {
            throw new InvalidOperationException(
                $"The configuration section '{sectionPath}' that sets up AddServiceDiscovery() has {section.Problems.Count} problem(s):\n  "
                + string.Join("\n  ", section.Problems));
        }
    }

    private static void ApplyConsul(SectionReader section, string sectionPath, ServiceDiscoveryOptions options)
    {
        options.UseConsul = section.Bool("Consul:Enabled") ?? options.UseConsul;
        options.ConsulEnvironmentFile = section.String("Consul:EnvironmentFile") ?? options.ConsulEnvironmentFile;
        options.ConsulStartupTimeout = section.Duration("Consul:StartupTimeout") ?? options.ConsulStartupTimeout;
        options.ConsulSettleTime = section.Duration("Consul:SettleTime") ?? options.ConsulSettleTime;
        options.ConsulSnapshotFile = section.String("Consul:SnapshotFile") ?? options.ConsulSnapshotFile;

        var client = new ConsulClientSection
        {
            Token = section.String("Consul:Token"),
            Datacenter = section.String("Consul:Datacenter"),
            Consistency = section.Choice("Consul:Consistency", Consistencies),
            RequestTimeout = section.Duration("Consul:RequestTimeout"),
            CaCertificateFile = section.String("Consul:Tls:CaCertificateFile"),
            ClientCertificateFile = section.String("Consul:Tls:ClientCertificateFile"),
            ClientKeyFile = section.String("Consul:Tls:ClientKeyFile"),
            ServerName = section.String("Consul:Tls:ServerName"),
            InsecureSkipVerify = section.Bool("Consul:Tls:InsecureSkipVerify"),
        };
        if (section.String("Consul:Address") is { } address)
        {
            try
            {
                client.Address = ConsulLocator.ParseAddress(address, "http");
                client.AddressOrigin = $"{sectionPath}:Consul:Address";
            }
            catch (UriFormatException e)
            {
                section.Problem("Consul:Address", $"'{Config.Providers.Settings.Redaction.SecretValues.Redact(address)}' is not host:port or an http(s) URL: {e.Message}");
            }
        }

        options.ConsulClientSection = client;

        var root = section.String("Consul:Root");
        var layout = section.List("Consul:FolderLayout");
        var documents = section.List("Consul:DocumentKeys");
        var wait = section.Duration("Consul:WaitTime");
        if (root is not null || layout is not null || documents is not null || wait is not null)
        {
            options.ConfigureConsulKv(source =>
            {
                source.Root = root ?? source.Root;
                source.WaitTime = wait ?? source.WaitTime;
                Replace(source.FolderLayout, layout);
                Replace(source.DocumentKeys, documents);
            });
        }
    }

    private static void Replace(IList<string> target, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            return;
        }

        target.Clear();
        foreach (var value in values)
        {
            target.Add(value);
        }
    }
}
