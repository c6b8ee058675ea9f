using Config.Providers.Discovery;
using Microsoft.Extensions.Configuration;

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
}
