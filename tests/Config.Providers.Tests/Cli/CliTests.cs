using System.Text.Json;
using Config.Providers.Cli.Commands;
using Config.Providers.Tests.Consul;
using Config.Providers.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace Config.Providers.Tests.Cli;

/// <summary>The config-providers tool, run in-process on real files.</summary>
public sealed class CliTests(ConsulAgentFixture consul) : IClassFixture<ConsulAgentFixture>, IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApplication.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Show_json_is_exactly_the_flattened_configuration_sorted_with_later_sources_winning()
    {
        var env = directory.Write("a.env", "B__X=from-env\nA=1\nDb__Password=hunter2-secret\n");
        var yaml = directory.Write("b.yaml", "b: {x: from-yaml, y: ~}\nc: [1, 2]\n");

        var (code, output, _) = await Run("show", "--env-file", env, "--yaml", yaml, "--format", "json");

        Assert.Equal(0, code);
        var parsed = JsonSerializer.Deserialize<Dictionary<string, string?>>(output)!;
        Assert.Equal(["A", "b:x", "b:y", "c:0", "c:1", "Db:Password"], parsed.Keys);
        Assert.Equal("from-yaml", parsed["b:x"]);
        Assert.Null(parsed["b:y"]);
        Assert.Equal(SecretAttribute.Mask, parsed["Db:Password"]);
        Assert.DoesNotContain("hunter2", output);

        // The other order: the env file wins.
        (_, output, _) = await Run("show", "--yaml", yaml, "--env-file", env, "--format", "json");
        Assert.Equal("from-env", JsonSerializer.Deserialize<Dictionary<string, string?>>(output)!["B:X"]);

        // The --option=value form keeps its place in the order too (System.CommandLine's tokens, not raw arguments).
        (_, output, _) = await Run("show", $"--yaml={yaml}", $"--env-file={env}", "--format", "json");
        Assert.Equal("from-env", JsonSerializer.Deserialize<Dictionary<string, string?>>(output)!["B:X"]);
        (_, output, _) = await Run("show", $"--env-file={env}", $"--yaml={yaml}", "--format", "json");
        Assert.Equal("from-yaml", JsonSerializer.Deserialize<Dictionary<string, string?>>(output)!["b:x"]);
    }

    [Fact]
    public async Task The_services_schema_masks_its_Secret_members_whose_names_do_not_look_secret()
    {
        // What the service's --settings-schema writes for [Secret] members (x-secret), through $ref, lists and maps.
        var schema = directory.Write("orders.schema.json", """
            {
              "type": "object",
              "properties": {
                "Orders": { "$ref": "#/$defs/OrdersSettings" }
              },
              "$defs": {
                "OrdersSettings": {
                  "type": "object",
                  "properties": {
                    "WebhookSigning": { "type": "string", "x-secret": true },
                    "Level": { "type": "string" },
                    "Partners": { "type": "array", "items": { "$ref": "#/$defs/Partner" } },
                    "Seeds": { "type": "object", "additionalProperties": { "type": "string", "x-secret": true } }
                  }
                },
                "Partner": { "type": "object", "properties": { "Name": { "type": "string" }, "Signing": { "type": "string", "x-secret": true } } }
              }
            }
            """);
        var yaml = directory.Write("orders.yaml", "Orders:\n  WebhookSigning: whsec-plain-1\n  Level: info\n  Partners:\n  - {Name: acme, Signing: acme-plain-2}\n  Seeds: {a: seed-plain-3}\n");

        var (code, output, _) = await Run("show", "--yaml", yaml, "--schema", schema, "--format", "json");

        Assert.Equal(0, code);
        var shown = JsonSerializer.Deserialize<Dictionary<string, string?>>(output)!;
        Assert.Equal(SecretAttribute.Mask, shown["Orders:WebhookSigning"]);
        Assert.Equal(SecretAttribute.Mask, shown["Orders:Partners:0:Signing"]);
        Assert.Equal(SecretAttribute.Mask, shown["Orders:Seeds:a"]);
        Assert.Equal("info", shown["Orders:Level"]);
        Assert.Equal("acme", shown["Orders:Partners:0:Name"]);

        // Without the schema the tool cannot know them; with a schema that is not one, it says so.
        (_, output, _) = await Run("show", "--yaml", yaml, "--format", "json");
        Assert.Contains("whsec-plain-1", output);
        var (bad, _, error) = await Run("show", "--yaml", yaml, "--schema", yaml);
        Assert.Equal(2, bad);
        Assert.Contains("not a JSON Schema", error);
    }

    [Fact]
    public async Task Discover_reads_appsettings_and_the_ConfigProviders_section_as_the_service_does_and_says_what_it_does_not_show()
    {
        // The service's appsettings.json moves its YAML file and turns Consul off: --discover must follow it.
        directory.Write("appsettings.json", """{ "ConfigProviders": { "YamlFile": "deploy.yaml", "Consul": { "Enabled": false } }, "Shipped": "from-appsettings", "Level": "from-appsettings" }""");
        directory.Write("deploy.yaml", "Level: from-deploy-yaml\n");
        directory.Write("config.yaml", "Level: from-the-default-name\n");

        var (code, output, error) = await Run("show", "--discover", "--directory", directory.Path, "--environment", "Production", "--format", "json");

        Assert.True(code == 0, error);
        var shown = JsonSerializer.Deserialize<Dictionary<string, string?>>(output)!;
        Assert.Equal("from-deploy-yaml", shown["Level"]);         // the file the section names, above appsettings.json
        Assert.Equal("from-appsettings", shown["Shipped"]);        // appsettings.json, under everything discovered
        Assert.Contains("--discover read appsettings.json and the ConfigProviders section as the service does", error);
        Assert.Contains("not shown: the process's environment variables and command line", error);

        // A section the service would refuse is refused here too, naming the setting.
        directory.Write("appsettings.json", """{ "ConfigProviders": { "YamlFiel": "x.yaml" } }""");
        (code, _, error) = await Run("show", "--discover", "--directory", directory.Path);
        Assert.Equal(2, code);
        Assert.Contains("YamlFiel", error);
    }

    [Fact]
    public async Task Explain_names_file_and_line_and_reveal_shows_secrets()
    {
        var env = directory.Write(".env", "# x\nAPI_TOKEN=tok-123\nPORT=80\n");
        var (_, output, _) = await Run("show", "--env-file", env, "--explain");
        Assert.Contains($"env file {env}:3", output);
        Assert.DoesNotContain("tok-123", output);

        (_, output, _) = await Run("show", "--env-file", env, "--format", "json", "--explain", "--reveal-secrets");
        using var json = JsonDocument.Parse(output);
        Assert.Equal("tok-123", json.RootElement.GetProperty("API_TOKEN").GetProperty("value").GetString());
        Assert.Equal($"env file {env}:2", json.RootElement.GetProperty("API_TOKEN").GetProperty("source").GetString());
    }

    [Fact]
    public async Task Bad_input_exits_2_with_path_line_and_column_on_stderr()
    {
        var yaml = directory.Write("bad.yaml", "a: 1\nb: !exec ls\n");
        var (code, output, error) = await Run("show", "--yaml", yaml);
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.StartsWith($"{yaml}:2:4: unsupported tag ('!' and a name, not shown", error);

        (code, _, error) = await Run("show", "--env-file", directory.File("missing.env"));
        Assert.Equal(2, code);
        Assert.Contains("missing.env", error);

        (code, _, error) = await Run("show", "--env-file", yaml, "--format", "xml");
        Assert.Equal(2, code);
        Assert.Contains("--format must be one of", error);
    }

    [Theory]
    [InlineData("yaml")]
    [InlineData("env")]
    public async Task Export_writes_a_0600_file_atomically_that_the_provider_reads_back(string format)
    {
        var env = directory.Write("in.env", "Orders__Database__Password=\"p@ss w0rd $x \\\"q\\\"\"\nOrders__Hosts__0=a\nOrders__Hosts__1=b\nNote=\"line 1\\nline 2\"\n");
        var target = directory.File("out." + format);

        var (code, _, error) = await Run("export", "--env-file", env, "--format", format, "-o", target);

        Assert.Equal(0, code);
        Assert.Empty(error);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(target));
        }

        var original = new ConfigurationBuilder().AddEnvFile(env).Build().AsEnumerable().Where(p => p.Value is not null).OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase).ToList();
        var builder = new ConfigurationBuilder();
        var readBack = (format == "yaml" ? builder.AddYamlFile(target) : builder.AddEnvFile(s => { s.Path = target; s.Interpolation = false; })).Build()
            .AsEnumerable().Where(p => p.Value is not null).OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase).ToList();
        Assert.Equal(original, readBack);
        Assert.Empty(Directory.GetFiles(directory.Path, "*.tmp"));
    }

    [Fact]
    public async Task Export_in_the_systemd_dialect_is_read_back_exactly_by_the_systemd_parser_and_refuses_names_systemd_drops()
    {
        var json = directory.Write("in.json", """
            { "Orders": { "Database": { "Password": "p@ss \"q\" $HOME `id` back\\slash" }, "Motd": "line 1\nline 2\ttab\\n" }, "Plain": "x" }
            """);
        var target = directory.File("orders.env");

        var (code, _, error) = await Run("export", "--yaml", json, "--format", "env", "--dialect", "systemd", "-o", target);

        Assert.Equal(0, code);
        Assert.Empty(error);
        var text = File.ReadAllText(target);
        Assert.Contains("Orders__Motd=\"line 1\nline 2\ttab\\\\n\"", text);   // a real line break, a real tab, an escaped backslash
        var original = new ConfigurationBuilder().AddYamlFile(json).Build().AsEnumerable().Where(p => p.Value is not null).OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase).ToList();
        var readBack = new ConfigurationBuilder().AddEnvFile(s => { s.Path = target; s.Dialect = Config.Providers.EnvFiles.EnvFileDialect.Systemd; }).Build()
            .AsEnumerable().Where(p => p.Value is not null).OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase).ToList();
        Assert.Equal(original, readBack);

        // systemd ignores a name with '.' or '-' (logging it): the export says which keys instead of losing them.
        var dotted = directory.Write("dotted.yaml", "Logging: {LogLevel: {Microsoft.AspNetCore: Warning, my-app: Debug}}\nOk: 1\n");
        var refused = directory.File("refused.env");
        (code, _, error) = await Run("export", "--yaml", dotted, "--format", "env", "--dialect", "systemd", "-o", refused);
        Assert.Equal(CliApplication.BadInput, code);
        Assert.Contains("2 key(s) cannot be systemd EnvironmentFile variable names: 'Logging:LogLevel:Microsoft.AspNetCore', 'Logging:LogLevel:my-app'", error);
        Assert.False(File.Exists(refused));
        Assert.Empty(Directory.GetFiles(directory.Path, "*.tmp"));

        // The compose dialect keeps them.
        (code, _, _) = await Run("export", "--yaml", dotted, "--format", "env", "-o", refused);
        Assert.Equal(0, code);
        Assert.Contains("Logging__LogLevel__Microsoft.AspNetCore=\"Warning\"", File.ReadAllText(refused));
    }

    [Fact]
    public async Task Watch_prints_one_json_line_per_changed_key_with_secrets_redacted()
    {
        var env = directory.Write("w.env", "A=1\nSECRET_KEY=old-secret\n");
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var stop = new CancellationTokenSource();
        var lines = new TaskCompletionSource();
        var writer = new NotifyingWriter(output, text =>
        {
            if (text.Contains("\"key\":\"SECRET_KEY\"", StringComparison.Ordinal))
            {
                lines.TrySetResult();
            }
        });
        var watching = CliApplication.RunAsync(["watch", "--env-file", env], writer, error, stop.Token);

        // The watcher is set up once the first write is seen as a change; write until it is.
        var deadline = DateTime.UtcNow + ReloadWaits.Timeout;
        var round = 0;
        while (!lines.Task.IsCompleted && DateTime.UtcNow < deadline)
        {
            directory.Write("w.env", $"A=2\nB=new\nSECRET_KEY=new-secret-{round++}\n");
            await Task.WhenAny(lines.Task, Task.Delay(TimeSpan.FromSeconds(1)));
        }

        await stop.CancelAsync();
        Assert.Equal(0, await watching.WaitAsync(ReloadWaits.Timeout));
        var text = output.ToString();
        Assert.Contains("{\"key\":\"A\",\"old\":\"1\",\"new\":\"2\",\"source\":\"env file " + env.Replace("\\", "\\\\") + ":1\"}", text);
        Assert.Contains("{\"key\":\"B\",\"old\":null,\"new\":\"new\"", text);
        Assert.Contains("{\"key\":\"SECRET_KEY\",\"old\":\"[redacted]\",\"new\":\"[redacted]\"", text);
        Assert.DoesNotContain("secret-", text);
    }

    private sealed class NotifyingWriter(TextWriter inner, Action<string> onWrite) : TextWriter
    {
        public override System.Text.Encoding Encoding => inner.Encoding;

        public override void WriteLine(string? value)
        {
            inner.WriteLine(value);
            onWrite(value ?? string.Empty);
        }

        public override void Write(char value) => inner.Write(value);
    }

    [ConsulFact]
    public async Task Consul_shows_the_folders_a_service_reads_in_an_environment()
    {
        var root = "cli" + Guid.NewGuid().ToString("N")[..8];
        await consul.Agent.SeedAsync([
            ($"{root}/application/A", "application"), ($"{root}/application/B", "application"),
            ($"{root}/application,Staging/A", "application-staging"),
            ($"{root}/orders/B", "orders"), ($"{root}/orders/C", "orders"),
            ($"{root}/orders,Staging/C", "orders-staging"),
            ($"{root}/billing/D", "billing"),
        ]);
        var address = consul.Agent.Address.ToString();

        var (code, output, error) = await Run("show", "--consul", address, "--consul-prefix", root, "--service", "orders", "--environment", "Staging", "--format", "json");
        Assert.True(code == 0, error);
        var shown = JsonSerializer.Deserialize<Dictionary<string, string?>>(output)!;
        Assert.Equal(new Dictionary<string, string?> { ["A"] = "application-staging", ["B"] = "orders", ["C"] = "orders-staging" }, shown);

        (_, output, _) = await Run("show", "--consul", address, "--consul-prefix", root, "--format", "json");
        Assert.Equal(new Dictionary<string, string?> { ["A"] = "application", ["B"] = "application" }, JsonSerializer.Deserialize<Dictionary<string, string?>>(output)!);
    }
}
