using Config.Providers.Consul;
using Config.Providers.Discovery;
using Config.Providers.Tests.Consul;
using Config.Providers.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Config.Providers.Tests.Discovery;

/// <summary>
/// <c>AddServiceDiscovery()</c> set up from the <c>ConfigProviders</c> section (appsettings.json, variables, command
/// line), as Spring, Steeltoe and Aspire read theirs; code options win.
/// </summary>
public sealed class ServiceDiscoverySectionTests(ConsulAgentFixture fixture) : IClassFixture<ConsulAgentFixture>, IDisposable
{
    private readonly TempDirectory contentRoot = new();

    public void Dispose() => contentRoot.Dispose();

    [ConsulFact]
    public async Task Appsettings_locates_consul_and_chooses_its_layout_files_and_document_keys()
    {
        var service = "svc" + Guid.NewGuid().ToString("N")[..8];
        using (var consul = fixture.Agent.Client())
        {
            await consul.PutAsync($"apps-{service}/{service}/Orders/Port", "1");
            await consul.PutAsync($"apps-{service}/{service}/Orders/Host", "folder-host");
            await consul.PutAsync($"config/{service}/Orders/Port", "not read: the default layout is replaced");
            await consul.PutAsync($"docs/{service}", "{\"Orders\": {\"Port\": 2}}");
        }

        contentRoot.Write("appsettings.json", $$"""
            {
              "ConfigProviders": {
                "ServiceName": "{{service}}",
                "YamlFile": "generated.yaml",
                "EnvFiles": [ "first.env", "second.env" ],
                "Consul": {
                  "Address": "{{fixture.Agent.Address}}",
                  "StartupTimeout": "5s",
                  "Root": "apps-{{service}}",
                  "FolderLayout": [ "{service}" ],
                  "DocumentKeys": "docs/{service}"
                }
              }
            }
            """);
        contentRoot.Write("generated.yaml", "FromYaml: generated\n");
        contentRoot.Write("code.yaml", "FromYaml: code\n");
        contentRoot.Write("first.env", "FromEnv=first\n");
        contentRoot.Write("second.env", "FromEnv=second\n");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = contentRoot.Path, DisableDefaults = true });
        builder.Configuration.AddJsonFile(contentRoot.File("appsettings.json"));

        builder.AddServiceDiscovery(o => o.YamlFile = "code.yaml");   // code wins over the section
        using var host = builder.Build();
        var configuration = host.Services.GetRequiredService<IConfiguration>();

        Assert.Equal(("2", "folder-host"), (configuration["Orders:Port"], configuration["Orders:Host"]));
        Assert.Equal(("code", "second"), (configuration["FromYaml"], configuration["FromEnv"]));
        var report = host.Services.GetRequiredService<ServiceDiscoveryReport>();
        Assert.Contains(report.Notes, n => n.Contains("found via ConfigProviders:Consul:Address", StringComparison.Ordinal) && n.Contains($"docs/{service}", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_problem_in_the_section_is_listed_with_its_key_and_file_and_the_start_stops()
    {
        contentRoot.Write("appsettings.json", """
            {
              "ConfigProviders": {
                "ReloadOnChange": "sometimes",
                "EnvFiles": { "main": ".env" },
                "Consul": { "Adress": "http://consul:8500", "StartupTimeout": "30", "Consistency": "eventual", "Token": "s3cr3t-token" }
              }
            }
            """);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = contentRoot.Path, DisableDefaults = true });
        builder.Configuration.AddJsonFile(contentRoot.File("appsettings.json"));

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddServiceDiscovery());

        Assert.Contains("'ConfigProviders' that sets up AddServiceDiscovery() has 5 problem(s)", error.Message);
        Assert.Contains("ConfigProviders:ReloadOnChange (JsonConfigurationProvider for 'appsettings.json' (Required)): 'sometimes' is not a valid Boolean", error.Message);
        Assert.Contains("ConfigProviders:EnvFiles:main (", error.Message);
        Assert.Contains("ConfigProviders:Consul:Adress (JsonConfigurationProvider for 'appsettings.json' (Required)): unknown setting (did you mean 'ConfigProviders:Consul:Address'?)", error.Message);
        Assert.Contains("ConfigProviders:Consul:StartupTimeout (JsonConfigurationProvider for 'appsettings.json' (Required)): '30' is not a valid duration", error.Message);
        Assert.Contains("ConfigProviders:Consul:Consistency (JsonConfigurationProvider for 'appsettings.json' (Required)): 'eventual' is not one of default, stale, consistent", error.Message);
        Assert.DoesNotContain("s3cr3t", error.Message);
    }

    [Fact]
    public void The_documented_schema_is_read_whole_without_a_problem()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "service-discovery.md"));
        var start = doc.IndexOf("```json", doc.IndexOf("## From configuration", StringComparison.Ordinal), StringComparison.Ordinal) + "```json".Length;
        var json = doc[start..doc.IndexOf("```", start, StringComparison.Ordinal)];
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))).Build();
        var options = new ServiceDiscoveryOptions();

        ServiceDiscoverySection.Apply(configuration, "ConfigProviders", options);

        Assert.Equal(("orders", "WAZO"), (options.ServiceName, options.EnvironmentPrefix));
        Assert.Equal([".env", ".env.local"], options.EnvFiles);
        Assert.Equal(("consul.internal", "dc1"), (options.ConsulClientSection!.ServerName, options.ConsulClientSection.Datacenter));
        var source = new ConsulKvConfigurationSource { Service = "orders", Environment = "Production" };
        options.ConsulKvSetup.ForEach(configure => configure(source));
        Assert.Equal(["config/application/", "config/application,Production/", "config/orders/", "config/orders,Production/", "orders/Production"], source.Reads);
    }

    [Fact]
    public void Variables_set_the_section_too_and_an_absent_section_changes_nothing()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConfigProviders:RequiredServices"] = "rabbitmq, postgres",
            ["ConfigProviders:RequiredServicesTimeout"] = "2m",
            ["ConfigProviders:Consul:Enabled"] = "off",
        }).Build();
        var options = new ServiceDiscoveryOptions();
        ServiceDiscoverySection.Apply(configuration, "ConfigProviders", options);
        Assert.Equal(["rabbitmq", "postgres"], options.RequiredServices);
        Assert.Equal((TimeSpan.FromMinutes(2), false), (options.RequiredServicesTimeout, options.UseConsul));

        var untouched = new ServiceDiscoveryOptions();
        ServiceDiscoverySection.Apply(new ConfigurationBuilder().Build(), "ConfigProviders", untouched);
        Assert.Equal([".env"], untouched.EnvFiles);
        Assert.Equal((true, null), (untouched.UseConsul, untouched.ConsulClientSection));
    }

    [Fact]
    public void The_sections_address_keeps_the_token_and_tls_the_variables_found_unless_it_names_its_own()
    {
        var located = new ConsulLocation(new ConsulClientOptions { Token = "from-variable", Tls = { ServerName = "consul.internal" } }, "CONSUL_HTTP_ADDR (environment)", true);
        var section = new ConsulClientSection { Address = new Uri("https://consul.example:8501/"), AddressOrigin = "ConfigProviders:Consul:Address", Datacenter = "dc2" };

        var location = section.ApplyTo(located);

        Assert.Equal(("https://consul.example:8501", "from-variable", "consul.internal", "dc2"), (location.Options.ToString(), location.Options.Token, location.Options.Tls.ServerName, location.Options.Datacenter));
        Assert.Equal("ConfigProviders:Consul:Address", location.Origin);
        Assert.Equal("CONSUL_HTTP_ADDR (environment)", new ConsulClientSection { Token = "t" }.ApplyTo(located).Origin);
    }
}
