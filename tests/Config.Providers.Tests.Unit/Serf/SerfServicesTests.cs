using Config.Providers.Core;
using Config.Providers.Serf;
using Config.Providers.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Config.Providers.Tests.Serf;

/// <summary>serf-handler's membership files (the shape its members.py writes) as service endpoints, live.</summary>
public sealed class SerfServicesTests : IDisposable
{
    // The shape of serf-handler's conf/services.yml: product → service → nodes; ports as numbers or strings.
    private const string Yaml = """
        product1 :
            web :
                - name : test3
                  port : 8080
                  addr : 192.168.1.36
                - name : test4
                  port : "8080"
                  addr : 192.168.1.37
            myslq-master :
                - name : test8
                  port : 3306
                  addr : 192.168.1.139
        product2 :
            public :
                - name : test9
                  port : 80
                  addr : 192.168.1.136
        """;

    private const string Json = """
        { "product1": { "web": [ { "addr": "192.168.1.36", "name": "test3", "port": 8080 }, { "addr": "192.168.1.37", "name": "test4", "port": 8080 } ],
                        "myslq-master": [ { "addr": "192.168.1.139", "name": "test8", "port": 3306 } ] },
          "product2": { "public": [ { "addr": "192.168.1.136", "name": "test9", "port": 80 } ] } }
        """;

    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Theory]
    [InlineData("services.yml", Yaml)]
    [InlineData("services.json", Json)]
    public void Both_schemas_become_the_same_service_endpoints(string name, string content)
    {
        var configuration = new ConfigurationBuilder().AddSerfServices(directory.Write(name, content)).Build();

        Assert.Equal("192.168.1.36:8080", configuration["Services:product1:web:0"]);
        Assert.Equal("192.168.1.37:8080", configuration["Services:product1:web:1"]);
        Assert.Equal("192.168.1.139:3306", configuration["Services:product1:myslq-master:0"]);
        Assert.Equal(("192.168.1.136", "80"), (configuration["ServiceEndpoints:product2:public:0:Host"], configuration["ServiceEndpoints:product2:public:0:Port"]));
        Assert.Null(configuration["product1:web:0:addr"]);
        Assert.True(((IConfigurationOrigins)configuration.Providers.Single()).TryGetOrigin("Services:product1:web:1", out var origin));
        Assert.StartsWith($"serf {directory.File(name)}:", origin);
    }

    [Fact]
    public void A_file_of_another_shape_is_an_error_naming_where()
    {
        var error = Assert.Throws<ConfigurationFormatException>(() => new ConfigurationBuilder().AddSerfServices(directory.Write("services.yml", "product1:\n  web:\n    addr: 10.0.0.1\n")).Build());
        Assert.Contains("expected product → service → list of nodes with 'addr' and 'port'", error.Message);
    }

    [Fact]
    public async Task Members_joining_and_leaving_apply_live_to_bound_endpoints()
    {
        var path = directory.Write("services.yml", Yaml);
        var configuration = new ConfigurationBuilder().AddSerfServices(s =>
        {
            s.Path = path;
            s.ReloadOnChange = true;
            s.ReloadDelay = TimeSpan.FromMilliseconds(50);
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddSettings<ServiceEndpoints>("product1", "ServiceEndpoints:product1");
        await using var provider = services.BuildServiceProvider();
        var monitor = provider.GetRequiredService<IOptionsMonitor<ServiceEndpoints>>();
        Assert.Equal(2, monitor.Get("product1")["web"].Count);

        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = monitor.OnChange((endpoints, name) =>
        {
            if (name == "product1" && endpoints.TryGetValue("web", out var web) && web.Count == 1)
            {
                changed.TrySetResult();
            }
        });
        // test4 leaves product1's web service.
        var test4 = Yaml.IndexOf("        - name : test4", StringComparison.Ordinal);
        var next = Yaml.IndexOf("    myslq-master", StringComparison.Ordinal);
        directory.Replace("services.yml", Yaml[..test4] + Yaml[next..]);
        await changed.Task.WaitAsync(ReloadWaits.Timeout);
        Assert.Equal("192.168.1.36", monitor.Get("product1")["web"].Single().Host);
        Assert.Null(configuration["Services:product1:web:1"]);
    }

    [Fact]
    public void AddServiceDiscovery_reads_the_membership_file_it_is_given()
    {
        Directory.CreateDirectory(directory.File("conf"));
        directory.Write("conf/services.json", Json);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = directory.Path });
        builder.AddServiceDiscovery(o =>
        {
            o.UseConsul = false;
            o.SerfServicesFile = "conf/services.json";
        });
        using var host = builder.Build();

        Assert.Equal("192.168.1.139:3306", host.Services.GetRequiredService<IConfiguration>()["Services:product1:myslq-master:0"]);
    }
}
