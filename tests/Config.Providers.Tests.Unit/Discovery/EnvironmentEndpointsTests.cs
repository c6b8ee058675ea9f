using Config.Providers.Discovery;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Config.Providers.Tests.Discovery;

public class EnvironmentEndpointsTests
{
    [Fact]
    public void Named_prefixes_become_endpoints_and_other_variables_do_not()
    {
        var variables = new Dictionary<string, string>
        {
            ["PG_HOST"] = "pg.internal", ["PG_PORT"] = "5432", ["PG_USER"] = "orders", ["PG_PASSWORD"] = "pw",
            ["DOCKER_HOST"] = "tcp://docker:2375", ["RABBITMQ_PORT"] = "5672",
        };
        var source = new EnvironmentEndpointsSource { Environment = name => variables.GetValueOrDefault(name) };
        source.Prefixes.Add("PG");
        source.Prefixes.Add("RABBITMQ");
        var configuration = new ConfigurationBuilder().Add(source).Build();

        Assert.Equal("pg.internal:5432", configuration["Services:pg:default:0"]);
        Assert.Equal("orders", configuration["ServiceEndpoints:pg:default:0:Username"]);
        Assert.Equal("pw", configuration["ServiceEndpoints:pg:default:0:Password"]);
        Assert.Null(configuration["Services:docker:default:0"]);
        Assert.Null(configuration["Services:rabbitmq:default:0"]);
        Assert.True(((IConfigurationOrigins)configuration.Providers.Single()).TryGetOrigin("Services:pg:default:0", out var origin));
        Assert.Equal("environment variable PG_HOST", origin);
    }

    private static IConfigurationRoot Load(Dictionary<string, string> variables, params string[] prefixes)
    {
        var source = new EnvironmentEndpointsSource { Environment = name => variables.GetValueOrDefault(name) };
        foreach (var prefix in prefixes)
        {
            source.Prefixes.Add(prefix);
        }

        return new ConfigurationBuilder().Add(source).Build();
    }

    [Fact]
    public void TOPP_clouds_own_variables_give_a_postgres_endpoint_on_localhost_with_its_database_and_connection_string()
    {
        // What TOPP Cloud's postgis service sets: host and password blank ("localhost", "no password needed").
        var configuration = Load(new() { ["PG_DBNAME"] = "orders", ["PG_USER"] = "orders_app", ["PG_PASSWORD"] = "", ["PG_HOST"] = "" }, "PG");

        Assert.Equal("localhost:5432", configuration["Services:pg:default:0"]);
        Assert.Equal(("localhost", "5432", "postgres", "orders"), (configuration["ServiceEndpoints:pg:default:0:Host"], configuration["ServiceEndpoints:pg:default:0:Port"], configuration["ServiceEndpoints:pg:default:0:Scheme"], configuration["ServiceEndpoints:pg:default:0:Database"]));
        Assert.Null(configuration["ServiceEndpoints:pg:default:0:Password"]);
        Assert.Equal("Host=localhost;Port=5432;Database=orders;Username=orders_app", configuration.GetConnectionString("pg"));
    }

    [Fact]
    public void Default_ports_follow_the_scheme_and_connection_strings_escape_what_they_must()
    {
        var configuration = Load(
            new()
            {
                ["RABBITMQ_HOST"] = "rabbit", ["RABBITMQ_USER"] = "guest", ["RABBITMQ_PASSWORD"] = "p@ss:w/rd", ["RABBITMQ_DATABASE"] = "orders",
                ["REDIS_HOST"] = "cache",
                ["DB_HOST"] = "db", ["DB_SCHEME"] = "postgresql", ["DB_PASSWORD"] = "a;b=\"c\"",
                ["API_URL"] = "https://api.example/v1",
            },
            "RABBITMQ", "REDIS", "DB", "API");

        Assert.Equal("rabbit:5672", configuration["Services:rabbitmq:default:0"]);
        Assert.Equal("amqp://guest:p%40ss%3Aw%2Frd@rabbit:5672/orders", configuration.GetConnectionString("rabbitmq"));
        Assert.Equal("cache:6379", configuration["Services:redis:default:0"]);
        Assert.Null(configuration.GetConnectionString("redis"));
        Assert.Equal("Host=db;Port=5432;Password=\"a;b=\"\"c\"\"\"", configuration.GetConnectionString("db"));
        Assert.Equal("api.example:443", configuration["Services:api:default:0"]);
        Assert.Equal("https", configuration["ServiceEndpoints:api:default:0:Scheme"]);
    }

    [Fact]
    public void The_database_binds_into_ServiceEndpoint()
    {
        var configuration = Load(new() { ["PG_HOST"] = "", ["PG_DBNAME"] = "orders" }, "PG");
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddSettings<ServiceEndpoint>("pg", "ServiceEndpoints:pg:default:0");
        using var provider = services.BuildServiceProvider();

        var pg = provider.GetRequiredService<IOptionsMonitor<ServiceEndpoint>>().Get("pg");
        Assert.Equal(("localhost", 5432, "postgres", "orders"), (pg.Host, pg.Port, pg.Scheme, pg.Database));
    }
}
