using Config.Providers.DotCloud;
using Config.Providers.Tests.Support;
using Microsoft.Extensions.Configuration;
using Config.Providers.Core;

namespace Config.Providers.Tests.DotCloud;

public sealed class DotCloudEnvironmentTests : IDisposable
{
    // dotCloud's documented example, plus the shapes real dumps show: numbers, SSH and HTTP ports,
    // a service whose name contains underscores, a scaled service with instance suffixes, user variables.
    private const string Realistic = """
        {
           "DOTCLOUD_ENVIRONMENT": "default",
           "DOTCLOUD_DB_MYSQL_LOGIN": "root",
           "DOTCLOUD_DB_MYSQL_URL": "mysql://root:B61J14)]U4^L}.najnyE@7a96f954.dotcloud.com:7780",
           "DOTCLOUD_DB_MYSQL_PASSWORD": "B61J14)]U4^L}.najnyE",
           "DOTCLOUD_PROJECT": "demodcapp",
           "DOTCLOUD_SERVICE_NAME": "www",
           "DOTCLOUD_DB_MYSQL_PORT": "7780",
           "DOTCLOUD_DB_MYSQL_HOST": "7a96f954.dotcloud.com",
           "DOTCLOUD_SERVICE_ID": 0,
           "DOTCLOUD_DB_SSH_URL": "ssh://mysql@7a96f954.dotcloud.com:30357",
           "DOTCLOUD_DB_SSH_HOST": "7a96f954.dotcloud.com",
           "DOTCLOUD_DB_SSH_PORT": "30357",
           "DOTCLOUD_WWW_HTTP_HOST": "demodcapp-default-www-0.dotcloud.com",
           "DOTCLOUD_WWW_HTTP_URL": "http://demodcapp-default-www-0.dotcloud.com/",
           "DOTCLOUD_A_COOL_NAME_SQL_HOST": "pg.dotcloud.com",
           "DOTCLOUD_A_COOL_NAME_SQL_PORT": 5432,
           "DOTCLOUD_A_COOL_NAME_SQL_LOGIN": "postgres",
           "DOTCLOUD_A_COOL_NAME_SQL_PASSWORD": "pg-secret",
           "DOTCLOUD_A_COOL_NAME_SQL_URL": "pgsql://postgres:pg-secret@pg.dotcloud.com:5432",
           "DOTCLOUD_WORKER_LOGS_HOST": "w0.dotcloud.com",
           "DOTCLOUD_WORKER_LOGS_PORT": "4000",
           "DOTCLOUD_WORKER_LOGS_HOST_0": "w0.dotcloud.com",
           "DOTCLOUD_WORKER_LOGS_PORT_0": "4000",
           "DOTCLOUD_WORKER_LOGS_HOST_1": "w1.dotcloud.com",
           "DOTCLOUD_WORKER_LOGS_PORT_1": "4001",
           "PORT_WWW": 8080,
           "PORT_SSH": 22,
           "RATIO": 1.5,
           "FEATURE_ON": true,
           "NOTHING": null,
           "COUCH_URL": "http://couch:5984/",
           "SERVICE_CONFIG_NEWRELIC_LICENSE_KEY": "nr-key"
        }
        """;

    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    private static IConfiguration Load(string json)
    {
        var parsed = DotCloudEnvironmentParser.Parse(json, "environment.json");
        return new ConfigurationBuilder().AddInMemoryCollection(parsed.Data).Build();
    }

    [Fact]
    public void Every_key_is_available_as_is_with_numbers_as_invariant_strings()
    {
        var configuration = Load(Realistic);
        Assert.Equal("demodcapp", configuration["DOTCLOUD_PROJECT"]);
        Assert.Equal("8080", configuration["PORT_WWW"]);
        Assert.Equal("0", configuration["DOTCLOUD_SERVICE_ID"]);
        Assert.Equal("1.5", configuration["RATIO"]);
        Assert.Equal("true", configuration["FEATURE_ON"]);
        Assert.Null(configuration["NOTHING"]);
        Assert.Equal("nr-key", configuration["SERVICE_CONFIG_NEWRELIC_LICENSE_KEY"]);
    }

    [Fact]
    public void Service_endpoints_are_projected_with_credentials_from_login_and_password()
    {
        var configuration = Load(Realistic);
        var db = configuration.GetSection("ServiceEndpoints:db:mysql:0");
        Assert.Equal("7a96f954.dotcloud.com", db["Host"]);
        Assert.Equal("7780", db["Port"]);
        Assert.Equal("mysql", db["Scheme"]);
        Assert.Equal("root", db["Username"]);
        Assert.Equal("B61J14)]U4^L}.najnyE", db["Password"]);
        Assert.Equal("mysql://root@7a96f954.dotcloud.com:7780", db["Url"]);
        Assert.Equal("7a96f954.dotcloud.com:7780", configuration["Services:db:mysql:0"]);
        Assert.Equal("7a96f954.dotcloud.com:30357", configuration["Services:db:ssh:0"]);
    }

    [Fact]
    public void Service_names_with_underscores_are_parsed_right_to_left()
    {
        var configuration = Load(Realistic);
        Assert.Equal("pg.dotcloud.com:5432", configuration["Services:a_cool_name:sql:0"]);
        Assert.Equal("postgres", configuration["ServiceEndpoints:a_cool_name:sql:0:Username"]);
        Assert.Equal("pgsql", configuration["ServiceEndpoints:a_cool_name:sql:0:Scheme"]);
        Assert.Null(configuration["Services:a:cool_name_sql:0"]);
    }

    [Fact]
    public void Scaled_instances_get_their_own_index_and_the_unsuffixed_keys_are_instance_zero()
    {
        var configuration = Load(Realistic);
        Assert.Equal("w0.dotcloud.com:4000", configuration["Services:worker:logs:0"]);
        Assert.Equal("w1.dotcloud.com:4001", configuration["Services:worker:logs:1"]);
        Assert.Null(configuration["Services:worker:logs:2"]);
    }

    [Fact]
    public void Http_ports_without_a_port_key_take_the_port_from_the_url()
    {
        var configuration = Load(Realistic);
        Assert.Equal("demodcapp-default-www-0.dotcloud.com:80", configuration["Services:www:http:0"]);
        Assert.Equal("http", configuration["ServiceEndpoints:www:http:0:Scheme"]);
    }

    [Fact]
    public void Application_keys_are_not_services()
    {
        var configuration = Load(Realistic);
        Assert.Null(configuration.GetSection("Services:service").Value);
        Assert.Empty(configuration.GetSection("Services:service").GetChildren());
        Assert.Equal(["a_cool_name", "db", "worker", "www"], configuration.GetSection("Services").GetChildren().Select(c => c.Key).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("DOTCLOUD_DB_MYSQL_HOST", "db", "mysql", "HOST", 0)]
    [InlineData("DOTCLOUD_A_COOL_NAME_MYSQL_HOST", "a_cool_name", "mysql", "HOST", 0)]
    [InlineData("DOTCLOUD_SERVICE_LOGS_PORT_3", "service", "logs", "PORT", 3)]
    [InlineData("DOTCLOUD_WWW2_HTTP_URL", "www2", "http", "URL", 0)]
    public void Endpoint_keys_parse(string key, string service, string port, string field, int instance)
    {
        Assert.True(DotCloudEndpoints.TryParseKey(key, out var s, out var p, out var f, out var i));
        Assert.Equal((service, port, field, instance), (s, p, f, i));
    }

    [Theory]
    [InlineData("DOTCLOUD_SERVICE_NAME")]
    [InlineData("DOTCLOUD_SERVICE_ID")]
    [InlineData("DOTCLOUD_PROJECT")]
    [InlineData("DOTCLOUD_MYSQL_HOST")]
    [InlineData("DOTCLOUD_DB_MYSQL_NAME")]
    [InlineData("PORT_WWW")]
    [InlineData("DOTCLOUD__MYSQL_HOST")]
    public void Other_keys_are_not_endpoints(string key) => Assert.False(DotCloudEndpoints.TryParseKey(key, out _, out _, out _, out _));

    [Theory]
    [InlineData("[1, 2]", 1, 1, "expected a JSON object")]
    [InlineData("{\"A\": 1,\n \"A\": 2}", 2, 2, "duplicate key 'A'")]
    [InlineData("{\"A\": \"x\",\n \"B\": }", 2, 7, "invalid JSON")]
    [InlineData("{\"A\": 1} {}", 1, 10, "invalid JSON")]
    [InlineData("{\"PASSWORD\": \"secret-value", 1, 27, "invalid JSON")]
    [InlineData("{\"A\": 1,\n \"PASSWORD\": \"secret-value\\uD800\"}", 2, 14, "a string that is not valid text")]
    [InlineData("{\"A\": 1,\n  \"secret-value\\uDC00\": 1}", 2, 3, "a string that is not valid text")]
    public void Malformed_files_name_line_and_column(string json, int line, int column, string reason)
    {
        var error = Assert.Throws<ConfigurationFormatException>(() => DotCloudEnvironmentParser.Parse(json, "environment.json"));
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Contains(reason, error.Reason);
        Assert.DoesNotContain("secret-value", error.Message);
    }

    [Theory]
    [InlineData(100_000, 400_000, "a key longer than 4096 characters")]                       // a 100 KB key over 400,000 items
    [InlineData(4_000, 240_000, "expands to more than 33554432 characters of keys and values")] // keys within the limit, too many
    public void A_one_megabyte_file_that_would_produce_gigabytes_fails_at_its_budget(int keyLength, int items, string reason)
    {
        var json = "{\"" + new string('k', keyLength) + "\": [" + string.Join(',', Enumerable.Repeat("1", items)) + "]}";
        Assert.InRange(json.Length, 400_000, 1_100_000);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();

        var error = Assert.Throws<ConfigurationFormatException>(() => DotCloudEnvironmentParser.Parse(json, "environment.json"));

        Assert.Contains(reason, error.Reason);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore < 512L * 1024 * 1024, "allocated more than 512 MiB");
    }

    [Fact]
    public void The_provider_reads_the_file_and_names_key_origins_by_line()
    {
        directory.Write("environment.json", Realistic);
        var configuration = new ConfigurationBuilder().AddDotCloudEnvironment(directory.File("environment.json")).Build();
        Assert.Equal("8080", configuration["PORT_WWW"]);
        var origins = Assert.IsAssignableFrom<IConfigurationOrigins>(configuration.Providers.Single());
        Assert.True(origins.TryGetOrigin("PORT_WWW", out var origin));
        Assert.Equal($"dotcloud {directory.File("environment.json")}:27", origin);
        Assert.True(origins.TryGetOrigin("Services:db:mysql:0", out origin));
        Assert.Equal($"dotcloud {directory.File("environment.json")}:3", origin);
    }

    [Fact]
    public void The_default_location_is_optional()
    {
        var configuration = new ConfigurationBuilder().AddDotCloudEnvironment().Build();
        Assert.IsType<DotCloudConfigurationProvider>(configuration.Providers.Single());
    }

    [Fact]
    public void The_default_location_is_the_home_directory_first_then_dotclouds_fixed_path_and_yaml_counts()
    {
        var home = directory.Path;
        Assert.Equal(
            [Path.Combine(home, "environment.json"), Path.Combine(home, "environment.yml"), Path.Combine(home, "environment.yaml"),
             "/home/dotcloud/environment.json", "/home/dotcloud/environment.yml", "/home/dotcloud/environment.yaml"],
            DotCloudConfigurationSource.DefaultPaths(home));
        Assert.Equal(DotCloudConfigurationSource.DefaultPath, DotCloudConfigurationSource.FindDefaultPath(Path.Combine(home, "nowhere")));

        directory.Write("environment.yml", "PORT_WWW: 8080\n");
        Assert.Equal(directory.File("environment.yml"), DotCloudConfigurationSource.FindDefaultPath(home));
        directory.Write("environment.json", "{}");
        Assert.Equal(directory.File("environment.json"), DotCloudConfigurationSource.FindDefaultPath(home));
    }

    [Fact]
    public void Environment_yml_gives_the_same_keys_and_endpoints_as_environment_json()
    {
        // polettix/DotCloud-Environment's t/environment.yml shape: the same keys, ports quoted.
        directory.Write("environment.yml", """
            DOTCLOUD_PROJECT: demodcapp
            DOTCLOUD_DB_MYSQL_HOST: 7a96f954.dotcloud.com
            DOTCLOUD_DB_MYSQL_PORT: '7780'
            DOTCLOUD_DB_MYSQL_LOGIN: root
            DOTCLOUD_DB_MYSQL_PASSWORD: "B61J14)]U4^L}.najnyE"
            DOTCLOUD_DB_MYSQL_URL: "mysql://root:B61J14)]U4^L}.najnyE@7a96f954.dotcloud.com:7780"
            PORT_WWW: 8080
            """);
        var configuration = new ConfigurationBuilder().AddDotCloudEnvironment(directory.File("environment.yml")).Build();

        Assert.Equal("demodcapp", configuration["DOTCLOUD_PROJECT"]);
        Assert.Equal("8080", configuration["PORT_WWW"]);
        Assert.Equal("7a96f954.dotcloud.com:7780", configuration["Services:db:mysql:0"]);
        Assert.Equal("root", configuration["ServiceEndpoints:db:mysql:0:Username"]);
        Assert.Equal("B61J14)]U4^L}.najnyE", configuration["ServiceEndpoints:db:mysql:0:Password"]);
        Assert.Equal(Load(Realistic)["Services:db:mysql:0"], configuration["Services:db:mysql:0"]);

        var broken = Assert.Throws<ConfigurationFormatException>(() => new ConfigurationBuilder().AddDotCloudEnvironment(directory.Write("environment.yaml", "A: 1\nA: 2\n")).Build());
        Assert.Equal((directory.File("environment.yaml"), 2), (broken.Path, broken.Line));
    }

    [Fact]
    public async Task A_watched_file_goes_through_change_corruption_recovery_delete_and_recreate()
    {
        var logs = new CapturedLogs();
        directory.Write("environment.json", "{\"PORT_WWW\": 8080}");
        using var configuration = (ConfigurationRoot)new ConfigurationBuilder().AddDotCloudEnvironment(s =>
        {
            s.Path = directory.File("environment.json");
            s.ReloadOnChange = true;
            s.ReloadDelay = TimeSpan.FromMilliseconds(50);
            s.LoggerFactory = logs.Factory();
        }).Build();

        var reload = configuration.NextReload();
        directory.Write("environment.json", "{\"PORT_WWW\": 8081}");
        await reload.Within();
        Assert.Equal("8081", configuration["PORT_WWW"]);

        var invalid = logs.Next(201);
        directory.Write("environment.json", "{\"PORT_WWW\": 80");
        Assert.Contains("invalid JSON", await invalid.Within());
        Assert.Equal("8081", configuration["PORT_WWW"]);

        reload = configuration.NextReload();
        directory.Write("environment.json", "{\"PORT_WWW\": 8082}");
        await reload.Within();
        Assert.Equal("8082", configuration["PORT_WWW"]);

        var missing = logs.Next(202);
        File.Delete(directory.File("environment.json"));
        await missing.Within();
        Assert.Equal("8082", configuration["PORT_WWW"]);

        reload = configuration.NextReload();
        directory.Replace("environment.json", "{\"PORT_WWW\": 8083}");
        await reload.Within();
        Assert.Equal("8083", configuration["PORT_WWW"]);
    }
}
