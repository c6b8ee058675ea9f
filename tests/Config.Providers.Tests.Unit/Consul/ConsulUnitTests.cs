using System.Text;
using Config.Providers.Consul;
using Config.Providers.Files;
using Config.Providers.Tests.Support;
using Config.Providers.Core;

namespace Config.Providers.Tests.Consul;

/// <summary>Pure logic: where Consul is found, and how keys map (no agent needed).</summary>
public class ConsulUnitTests
{
    private static Func<string, string?> Env(params (string Key, string Value)[] pairs) => name => pairs.FirstOrDefault(p => p.Key == name).Value;

    [Theory]
    [InlineData("first-half-7c1e\nsecond-half")]
    [InlineData("first-half-7c1e\r\n")]
    [InlineData("first-half-7c1e\t")]
    public void A_token_with_a_line_break_or_control_character_is_refused_by_name_without_its_value(string token)
    {
        var error = Assert.Throws<ConsulException>(() => new ConsulHttpClient(new ConsulClientOptions { Address = new Uri("http://consul:8500"), Token = token }));
        Assert.Contains("The ACL token for Consul at http://consul:8500 holds a line break or another control character", error.Message);
        Assert.DoesNotContain("7c1e", error.Message);
    }

    [Fact]
    public void Options_in_code_win()
    {
        var location = ConsulLocator.Locate(new ConsulKvConfigurationSource { Client = new ConsulClientOptions { Address = new Uri("http://c:1") } }, Env(("CONSUL_HTTP_ADDR", "x:2")));
        Assert.Equal(("options", true), (location.Origin, location.Explicit));
        Assert.Equal(new Uri("http://c:1"), location.Options.Address);
    }

    [Fact]
    public void Consul_http_variables_follow_the_go_client()
    {
        using var directory = new TempDirectory();
        var tokenFile = directory.Write("token", "file-token\n");
        var location = ConsulLocator.Locate(new ConsulKvConfigurationSource(), Env(
            ("CONSUL_HTTP_ADDR", "consul.internal:8501"), ("CONSUL_HTTP_SSL", "true"), ("CONSUL_HTTP_TOKEN", "env-token"),
            ("CONSUL_HTTP_TOKEN_FILE", tokenFile), ("CONSUL_HTTP_SSL_VERIFY", "false"), ("CONSUL_CACERT", "/ca.pem"), ("CONSUL_TLS_SERVER_NAME", "consul")));
        Assert.Equal(new Uri("https://consul.internal:8501/"), location.Options.Address);
        Assert.Equal("file-token", location.Options.Token);
        Assert.True(location.Options.Tls.InsecureSkipVerify);
        Assert.Equal("/ca.pem", location.Options.Tls.CaCertificateFile);
        Assert.Equal("consul", location.Options.Tls.ServerName);
        Assert.StartsWith("CONSUL_HTTP_ADDR", location.Origin);
        Assert.DoesNotContain("token", location.Options.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void An_address_with_user_info_is_described_without_it()
    {
        // CONSUL_HTTP_ADDR=http://admin:hunter2@consul:8500 — some deployments put basic-auth credentials there.
        var options = new ConsulClientOptions { Address = new Uri("http://admin:hunter2@consul.internal:8500/prefix/") };

        Assert.Equal("http://consul.internal:8500/prefix", options.ToString());
    }

    [Theory]
    [InlineData("http://consul:8500", "http://consul:8500/")]
    [InlineData("consul:8500", "http://consul:8500/")]
    [InlineData("https://proxy.internal/consul", "https://proxy.internal/consul/")]
    public void Addresses_keep_scheme_and_path_prefix(string address, string expected) =>
        Assert.Equal(new Uri(expected), ConsulLocator.ParseAddress(address, "http"));

    [Fact]
    public void Prefixed_host_port_scheme_variables_are_read_when_a_prefix_is_set()
    {
        var location = ConsulLocator.Locate(new ConsulKvConfigurationSource { EnvironmentPrefix = "WAZO" }, Env(("WAZO_CONSUL_HOST", "10.0.0.7"), ("WAZO_CONSUL_PORT", "8501"), ("WAZO_CONSUL_SCHEME", "https")));
        Assert.Equal(new Uri("https://10.0.0.7:8501"), location.Options.Address);
        Assert.StartsWith("WAZO_CONSUL_HOST/_PORT/_SCHEME", location.Origin);
        Assert.False(ConsulLocator.Locate(new ConsulKvConfigurationSource(), Env(("WAZO_CONSUL_HOST", "10.0.0.7"))).Explicit);
    }

    [Fact]
    public void An_environment_file_is_read_when_the_environment_has_nothing()
    {
        using var directory = new TempDirectory();
        var file = directory.Write("consul.env", "# written by the installer\nWAZO_CONSUL_HOST=consul.lan\nWAZO_CONSUL_PORT=8600\n");
        var location = ConsulLocator.Locate(new ConsulKvConfigurationSource { EnvironmentPrefix = "WAZO", EnvironmentFile = file }, Env());
        Assert.Equal(new Uri("http://consul.lan:8600"), location.Options.Address);
        Assert.Contains(file, location.Origin);
    }

    [Fact]
    public void Prefixed_variables_count_each_on_its_own_and_the_file_fills_in_per_variable()
    {
        var portOnly = ConsulLocator.Locate(new ConsulKvConfigurationSource { EnvironmentPrefix = "WAZO" }, Env(("WAZO_CONSUL_PORT", "8600")));
        Assert.Equal((new Uri("http://consul:8600"), true), (portOnly.Options.Address, portOnly.Explicit));

        using var directory = new TempDirectory();
        var file = directory.Write("consul", "WAZO_CONSUL_HOST=from-file\nWAZO_CONSUL_PORT=8600\nCONSUL_HTTP_TOKEN=file-token\n");
        var merged = ConsulLocator.Locate(new ConsulKvConfigurationSource { EnvironmentPrefix = "WAZO", EnvironmentFile = file }, Env(("WAZO_CONSUL_HOST", "from-env"), ("WAZO_CONSUL_SCHEME", "https")));
        Assert.Equal(new Uri("https://from-env:8600"), merged.Options.Address);
        Assert.Equal("file-token", merged.Options.Token);
        Assert.Equal($"WAZO_CONSUL_HOST/_PORT/_SCHEME (HOST from environment, PORT from {file}, SCHEME from environment)", merged.Origin);
    }

    [Fact]
    public void Consul_http_companions_apply_whichever_address_was_found()
    {
        var location = ConsulLocator.Locate(new ConsulKvConfigurationSource { EnvironmentPrefix = "WAZO" }, Env(
            ("WAZO_CONSUL_HOST", "10.0.0.7"), ("CONSUL_HTTP_TOKEN", "env-token"), ("CONSUL_HTTP_SSL", "true"), ("CONSUL_CACERT", "/ca.pem")));
        Assert.Equal(new Uri("https://10.0.0.7:8500"), location.Options.Address);
        Assert.Equal(("env-token", "/ca.pem"), (location.Options.Token, location.Options.Tls.CaCertificateFile));

        var byDefault = ConsulLocator.Locate(new ConsulKvConfigurationSource(), Env(("CONSUL_HTTP_TOKEN", "t"), ("CONSUL_HTTP_SSL", "1")));
        Assert.Equal((new Uri("https://consul:8500"), "t", false), (byDefault.Options.Address, byDefault.Options.Token, byDefault.Explicit));

        // A scheme that is written wins over CONSUL_HTTP_SSL.
        var written = ConsulLocator.Locate(new ConsulKvConfigurationSource { EnvironmentPrefix = "WAZO" }, Env(("WAZO_CONSUL_SCHEME", "http"), ("CONSUL_HTTP_SSL", "true")));
        Assert.Equal(new Uri("http://consul:8500"), written.Options.Address);
    }

    [Fact]
    public void The_wazo_prefix_reads_its_documented_file_unless_another_is_named()
    {
        Assert.Equal("/etc/wazo-platform/consul", ConsulLocator.EnvironmentFile(new ConsulKvConfigurationSource { EnvironmentPrefix = "WAZO" }));
        Assert.Equal("/srv/consul.env", ConsulLocator.EnvironmentFile(new ConsulKvConfigurationSource { EnvironmentPrefix = "WAZO", EnvironmentFile = "/srv/consul.env" }));
        Assert.Null(ConsulLocator.EnvironmentFile(new ConsulKvConfigurationSource { EnvironmentPrefix = "ACME" }));
    }

    [Fact]
    public void Nothing_configured_means_the_default_and_says_so()
    {
        var location = ConsulLocator.Locate(new ConsulKvConfigurationSource(), Env());
        Assert.Equal(new Uri("http://consul:8500"), location.Options.Address);
        Assert.False(location.Explicit);
    }

    [Fact]
    public void Folders_layer_application_service_and_environment()
    {
        Assert.Equal(["config/application/", "config/application,Production/", "config/orders/", "config/orders,Production/"], new ConsulKvConfigurationSource { Service = "orders", Environment = "Production" }.Folders);
        Assert.Equal(["config/application/", "config/orders/"], new ConsulKvConfigurationSource { Service = "orders" }.Folders);
        Assert.Equal(["kv/application/"], new ConsulKvConfigurationSource { Root = "/kv/" }.Folders);

        // Another layout: shared settings, then per service and environment (Winton-style "App/Env" folders).
        var custom = new ConsulKvConfigurationSource { Root = "apps", Service = "orders", Environment = "Production" };
        custom.FolderLayout.Clear();
        custom.FolderLayout.Add("shared");
        custom.FolderLayout.Add("{service}-{environment}");
        custom.FolderLayout.Add("{environment}/{service}");
        Assert.Equal(["apps/shared/", "apps/orders-Production/", "apps/Production/orders/"], custom.Folders);

        // A folder that names an unset service or environment is skipped, not read as "{service}".
        custom.Service = null;
        Assert.Equal(["apps/shared/"], custom.Folders);
    }

    [Fact]
    public void Keys_map_slashes_to_sections_skip_folders_and_expand_documents()
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var origins = new KeyOrigins();
        ConsulKvMapper.Map("config/orders/", [
            new("config/orders/", null, 1),
            new("config/orders/Database/Port", Encoding.UTF8.GetBytes("5432"), 7),
            new("config/orders/Empty", null, 8),
            new("config/orders/Limits.yml", Encoding.UTF8.GetBytes("max: 5"), 9),
            new("config/orders/.yaml", Encoding.UTF8.GetBytes("Root: r"), 10),
        ], data, origins);
        Assert.Equal(new Dictionary<string, string?> { ["Database:Port"] = "5432", ["Empty"] = null, ["Limits:max"] = "5", ["Root"] = "r" }, data);
        Assert.Equal("consul config/orders/Database/Port (index 7)", origins["Database:Port"].ToString());
    }

    [Fact]
    public void A_document_key_maps_only_its_own_value_expanded_at_the_top()
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var origins = new KeyOrigins();
        ConsulKvMapper.Map("orders/Production", [
            new("orders/Production", Encoding.UTF8.GetBytes("{\"Orders\": {\"Port\": 5432, \"Hosts\": [\"a\", \"b\"]}}"), 4),
            new("orders/Production/Extra", Encoding.UTF8.GetBytes("not mine"), 5),
            new("orders/ProductionOld", Encoding.UTF8.GetBytes("{\"Old\": 1}"), 6),
        ], data, origins);
        Assert.Equal(new Dictionary<string, string?> { ["Orders:Port"] = "5432", ["Orders:Hosts:0"] = "a", ["Orders:Hosts:1"] = "b" }, data);
        Assert.StartsWith("consul orders/Production:1:", origins["Orders:Port"].ToString());
    }

    [Fact]
    public void Document_keys_follow_the_folders_with_placeholders_replaced_and_unset_ones_skipped()
    {
        var source = new ConsulKvConfigurationSource { Service = "orders" };
        source.DocumentKeys.Add("{service}/shared");
        source.DocumentKeys.Add("/{service}/{environment}");
        Assert.Equal(["config/application/", "config/orders/", "orders/shared"], source.Reads);
        source.Environment = "Production";
        Assert.Equal("orders/Production", source.Reads[^1]);
    }

    [Fact]
    public void A_malformed_document_names_the_key_and_position()
    {
        var error = Assert.Throws<ConsulValueException>(() => ConsulKvMapper.Map("c/", [new("c/doc.yaml", Encoding.UTF8.GetBytes("a: [1"), 1)], new Dictionary<string, string?>(), new KeyOrigins()));
        Assert.Contains("Consul key 'c/doc.yaml': c/doc.yaml:", error.Message);
    }

    [Fact]
    public void Durations_are_sent_in_milliseconds_and_never_zero()
    {
        Assert.Equal("300000ms", ConsulHttpClient.Duration(TimeSpan.FromMinutes(5)));
        Assert.Equal("1ms", ConsulHttpClient.Duration(TimeSpan.FromTicks(5)));
    }
}

public class ConsulJsonTests
{
    [Fact]
    public void Kv_listings_deserialize_straight_into_entries()
    {
        var json = "[\n    {\n        \"LockIndex\": 0,\n        \"Key\": \"config/a\",\n        \"Flags\": 0,\n        \"Value\": \"MQ==\",\n        \"CreateIndex\": 5,\n        \"ModifyIndex\": 7\n    },\n    {\"Key\": \"config/b\", \"Value\": null, \"ModifyIndex\": 9, \"Session\": \"x\"}\n]";
        var entries = System.Text.Json.JsonSerializer.Deserialize(json, Config.Providers.Consul.ConsulJsonContext.Default.ConsulKvEntryArray)!;
        Assert.Equal(2, entries.Length);
        Assert.Equal(("config/a", "1", 7UL), (entries[0].Key, System.Text.Encoding.UTF8.GetString(entries[0].Value!), entries[0].ModifyIndex));
        Assert.Null(entries[1].Value);
    }

    [Fact]
    public async Task Large_listings_deserialize_from_a_stream_in_chunks()
    {
        var items = Enumerable.Range(0, 2000).Select(i => $"{{\n        \"LockIndex\": 0,\n        \"Key\": \"config/k{i}\",\n        \"Flags\": 0,\n        \"Value\": \"{Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("value-" + i))}\",\n        \"CreateIndex\": {i},\n        \"ModifyIndex\": {i + 1}\n    }}");
        var json = "[\n    " + string.Join(",\n    ", items) + "\n]";
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
        var entries = (await System.Text.Json.JsonSerializer.DeserializeAsync(stream, Config.Providers.Consul.ConsulJsonContext.Default.ConsulKvEntryArray))!;
        Assert.Equal(2000, entries.Length);
        Assert.Equal("value-1999", System.Text.Encoding.UTF8.GetString(entries[1999].Value!));
    }
}
