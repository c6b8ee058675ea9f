using System.Text.Json;
using Config.Providers.Tests.Consul;
using Config.Providers.Tests.Support;
using Xunit.Abstractions;

namespace Config.Providers.Tests.Checking;

/// <summary>
/// <c>--check-config</c> on the example service (docs/examples/OrdersService), run as a process the way a CI step or a
/// Kubernetes init container runs it: files, variables and a real Consul, exit codes, every problem, nothing started.
/// </summary>
[Collection(ReleaseBuilds.Name)]
public sealed class CheckConfigTests(ConsulAgentFixture fixture, CheckConfigTests.ExampleBuild example, ITestOutputHelper output) : IClassFixture<ConsulAgentFixture>, IClassFixture<CheckConfigTests.ExampleBuild>, IDisposable
{
    private const string WorkerStarted = "Orders worker started";
    private readonly TempDirectory files = new();

    public void Dispose() => files.Dispose();

    /// <summary>The example, published once for the class (Release, as the other process tests build).</summary>
    public sealed class ExampleBuild : IAsyncLifetime
    {
        private readonly TempDirectory published = new();

        public string Program => Path.Combine(published.Path, "OrdersService.dll");

        public async Task InitializeAsync()
        {
            var publish = await ProcessRun.RunAsync("dotnet", ["publish", "docs/examples/OrdersService", "-c", "Release", "-o", published.Path, "--nologo"], RepositoryRoot.Path, TimeSpan.FromMinutes(5));
            Assert.True(publish.ExitCode == 0, $"dotnet publish failed:\n{publish.Output}\n{publish.Errors}");
        }

        public Task DisposeAsync()
        {
            published.Dispose();
            return Task.CompletedTask;
        }
    }

    private void CopyExample(string folder = "")
    {
        foreach (var name in new[] { "config.yaml", ".env" })
        {
            File.Copy(Path.Combine(RepositoryRoot.Path, "docs/examples/OrdersService", folder, name), files.File(name), overwrite: true);
        }
    }

    private async Task<ProcessRun.Result> RunAsync(string? consul, params string[] arguments)
    {
        var run = await ProcessRun.RunAsync("dotnet", [example.Program, $"--contentRoot={files.Path}", .. arguments], files.Path, TimeSpan.FromMinutes(2), new Dictionary<string, string?>
        {
            ["CONSUL_HTTP_ADDR"] = consul ?? string.Empty,
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ConfigProviders__Consul__StartupTimeout"] = "3s",
        });
        output.WriteLine($"exit {run.ExitCode}\n{run.Output}\n{run.Errors}");
        return run;
    }

    /// <summary>Runs the example with exactly <paramref name="arguments"/> (no content root added), from the folder of good files.</summary>
    private async Task<ProcessRun.Result> RunExactlyAsync(params string[] arguments)
    {
        var run = await ProcessRun.RunAsync("dotnet", [example.Program, .. arguments], files.Path, TimeSpan.FromMinutes(2), new Dictionary<string, string?>
        {
            ["CONSUL_HTTP_ADDR"] = string.Empty,
            ["DOTNET_ENVIRONMENT"] = "Production",
        });
        output.WriteLine($"exit {run.ExitCode}\n{run.Output}\n{run.Errors}");
        return run;
    }

    [ConsulFact]
    public async Task The_switch_checks_the_content_root_it_is_given_wherever_it_stands_and_an_unknown_format_is_a_usage_error()
    {
        CopyExample();   // good files where it runs: a check of the wrong folder would pass
        var broken = Path.Combine(RepositoryRoot.Path, "docs/examples/OrdersService/broken");

        foreach (var arguments in new[] { new[] { "--check-config", $"--contentRoot={broken}" }, [$"--contentRoot={broken}", "--check-config"] })
        {
            var run = await RunExactlyAsync(arguments);
            Assert.True(run.ExitCode == 2, $"{string.Join(' ', arguments)}: exit {run.ExitCode}\n{run.Output}\n{run.Errors}");
            Assert.Contains($"root     {broken}", run.Output);
            Assert.Contains("Configuration is INVALID", run.Output);
            Assert.DoesNotContain(WorkerStarted, run.Output + run.Errors);
        }

        var json = await RunExactlyAsync("--check-config", "json", $"--contentRoot={broken}");
        Assert.Equal(2, json.ExitCode);
        Assert.Equal(broken, JsonDocument.Parse(json.Output).RootElement.GetProperty("contentRoot").GetString());

        foreach (var arguments in new[] { new[] { "--check-config=yaml" }, ["--check-config", "yaml"], ["--check-config", "--format", "xml"] })
        {
            var run = await RunExactlyAsync(arguments);
            Assert.Equal(64, run.ExitCode);
            Assert.Contains("unknown format", run.Errors);
            Assert.Contains("usage: --check-config[=text|json]", run.Errors);
            Assert.DoesNotContain(WorkerStarted, run.Output + run.Errors);
        }
    }

    [ConsulFact]
    public async Task A_start_with_invalid_settings_prints_one_report_without_a_stack_trace_and_exits_2_starting_nothing()
    {
        CopyExample("broken");
        files.Write(".env", "Orders__Database__Password=s3cr3t-from-the-vault\nOrders__Database__Port=70000\n");

        var start = await RunAsync(consul: null);

        Assert.True(start.ExitCode == 2, $"exit {start.ExitCode}");
        var all = start.Output + start.Errors;
        foreach (var key in new[] { "Orders:MaxBodySize:", "Orders:Workers:Mode:", "Orders:Database:Port:" })
        {
            Assert.Single(all.Split('\n'), line => line.Contains(key, StringComparison.Ordinal));   // each bad key, once
        }

        Assert.Contains("The service did not start (exit code 2).", start.Errors);
        Assert.DoesNotContain("Unhandled exception", all);
        Assert.DoesNotContain("Hosting failed to start", all);
        Assert.DoesNotMatch(@"(?m)^\s+at \S+\(", all);   // no stack frame
        Assert.DoesNotContain(WorkerStarted, all);
        Assert.DoesNotContain("s3cr3t-from-the-vault", all);
    }

    [ConsulFact]
    public async Task A_start_whose_consul_does_not_answer_prints_the_reason_once_and_exits_3()
    {
        CopyExample();

        var start = await RunAsync(consul: $"http://127.0.0.1:{Config.Providers.Testing.TestPorts.Next()}");

        Assert.True(start.ExitCode == 3, $"exit {start.ExitCode}");
        var all = start.Output + start.Errors;
        Assert.Single(all.Split('\n'), line => line.Contains("did not answer within 3 s", StringComparison.Ordinal));
        Assert.Contains("The service did not start (exit code 3).", start.Errors);
        Assert.DoesNotContain("Unhandled exception", all);
        Assert.DoesNotMatch(@"(?m)^\s+at \S+\(", all);
        Assert.DoesNotContain(WorkerStarted, all);
    }

    [ConsulFact]
    public async Task Show_config_prints_every_key_with_its_source_as_the_service_builds_it_masking_its_own_secrets()
    {
        CopyExample();
        File.AppendAllText(files.File(".env"), "\nOrders__WebhookSigning=whsec-4d1f-not-a-secret-name\n");

        foreach (var arguments in new[] { new[] { "--show-config", $"--contentRoot={files.Path}" }, [$"--contentRoot={files.Path}", "--show-config"] })
        {
            var run = await RunExactlyAsync(arguments);
            Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{run.Output}\n{run.Errors}");
            Assert.Contains($"  Orders:Database:Host = db.internal    (env file {files.File(".env")}:3)", run.Output);
            Assert.Contains("  Orders:WebhookSigning = [redacted]", run.Output);   // [Secret] in OrdersSettings, not in its name
            Assert.Contains("  Orders:Database:Password = [redacted]", run.Output);
            Assert.DoesNotContain("whsec-4d1f", run.Output + run.Errors);
            Assert.DoesNotContain("s3cr3t-from-the-vault", run.Output + run.Errors);
            Assert.DoesNotContain(WorkerStarted, run.Output + run.Errors);
        }

        var json = await RunExactlyAsync("--show-config=json", $"--contentRoot={files.Path}");
        Assert.Equal(0, json.ExitCode);
        using var document = JsonDocument.Parse(json.Output);
        var keys = document.RootElement.GetProperty("keys").EnumerateArray().ToDictionary(k => k.GetProperty("key").GetString()!, k => k.GetProperty("value").GetString());
        Assert.Equal("db.internal", keys["Orders:Database:Host"]);
        Assert.Equal("[redacted]", keys["Orders:WebhookSigning"]);
    }

    [ConsulFact]
    public async Task Valid_files_pass_with_exit_0_and_nothing_starts_while_a_normal_start_does_run_the_worker()
    {
        CopyExample();

        var check = await RunAsync(consul: null, "--check-config");

        Assert.Equal(0, check.ExitCode);
        Assert.Contains("ok       OrdersSettings (section Orders)", check.Output);
        Assert.Contains("ok       DatabaseSettings[reporting] (section Reporting:Database)", check.Output);
        Assert.Contains("Configuration is valid (2 settings type(s), 0 warning(s)).", check.Output);
        Assert.DoesNotContain(WorkerStarted, check.Output + check.Errors);
        Assert.DoesNotContain("Application started", check.Output + check.Errors);
        Assert.DoesNotContain("s3cr3t-from-the-vault", check.Output + check.Errors);

        // The same program without the switch starts its worker: the assertion above can fail.
        var start = await RunAsync(consul: null);
        Assert.Equal(0, start.ExitCode);
        Assert.Contains(WorkerStarted, start.Output);
    }

    [ConsulFact]
    public async Task Invalid_files_exit_2_listing_every_problem_with_its_key_and_file_and_unknown_keys_as_warnings()
    {
        CopyExample("broken");

        var check = await RunAsync(consul: null, "--check-config");

        Assert.Equal(2, check.ExitCode);
        var env = files.File(".env");
        var yaml = files.File("config.yaml");
        Assert.Contains($"Orders:RequestTimeout: '90' is not a valid duration", check.Output);
        Assert.Contains($"(from env file {env}:5)", check.Output);
        Assert.Contains($"Orders:MaxBodySize: '4 lots' is not a valid byte size", check.Output);
        Assert.Contains($"Orders:Workers:Mode: 'random' is not a valid DispatchMode", check.Output);
        Assert.Contains($"Orders:Database:Port: The field Port must be between 1 and 65535. (from env file {env}:3)", check.Output);
        Assert.Contains($"Orders:Workers:Count: The field Count must be between 1 and 64. (from yaml {yaml}:3:20)", check.Output);
        Assert.Contains("Reporting:Database:Host: The Host field is required.", check.Output);
        Assert.Contains("warning  OrdersSettings: Orders:Database:Pasword: unknown setting", check.Output);
        Assert.Contains("Configuration is INVALID: 6 problem(s), 1 warning(s).", check.Output);
        Assert.DoesNotContain(WorkerStarted, check.Output + check.Errors);

        var json = await RunAsync(consul: null, "--check-config", "--format", "json");
        Assert.Equal(2, json.ExitCode);
        using var document = JsonDocument.Parse(json.Output);
        var root = document.RootElement;
        Assert.False(root.GetProperty("valid").GetBoolean());
        Assert.Equal((6, 1), (root.GetProperty("problemCount").GetInt32(), root.GetProperty("warningCount").GetInt32()));
        var orders = root.GetProperty("settings").EnumerateArray().Single(s => s.GetProperty("settings").GetString() == "OrdersSettings");
        Assert.Equal(
            ["Orders:Database:Port", "Orders:MaxBodySize", "Orders:RequestTimeout", "Orders:Workers:Count", "Orders:Workers:Mode"],
            orders.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("key").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal($"env file {env}:5", orders.GetProperty("problems").EnumerateArray().Single(p => p.GetProperty("key").GetString() == "Orders:RequestTimeout").GetProperty("source").GetString());
    }

    [ConsulFact]
    public async Task Values_from_a_real_Consul_are_checked_and_a_Consul_that_does_not_answer_fails_the_check()
    {
        CopyExample();
        await fixture.Agent.SeedAsync([("config/orders/Orders/Workers/Count", "0"), ("config/orders,Production/Orders/RequestTimeout", "soon")]);
        try
        {
            var check = await RunAsync(fixture.Agent.Address.ToString(), "--check-config=json");

            Assert.Equal(2, check.ExitCode);
            using var document = JsonDocument.Parse(check.Output);
            var problems = document.RootElement.GetProperty("settings").EnumerateArray()
                .SelectMany(s => s.GetProperty("problems").EnumerateArray())
                .ToDictionary(p => p.GetProperty("key").GetString()!, p => p.GetProperty("source").GetString());
            Assert.StartsWith("consul config/orders/Orders/Workers/Count", problems["Orders:Workers:Count"]);
            Assert.StartsWith("consul config/orders,Production/Orders/RequestTimeout", problems["Orders:RequestTimeout"]);
            Assert.Contains(document.RootElement.GetProperty("sources").EnumerateArray(), s => s.GetString()!.StartsWith("Consul KV at ", StringComparison.Ordinal));
        }
        finally
        {
            using var consul = fixture.Agent.Client();
            await consul.DeleteAsync("config/orders", recurse: true);
        }

        // Nobody listens there: the start would fail after its wait, so the check does, saying why.
        var down = await RunAsync($"http://127.0.0.1:{Config.Providers.Testing.TestPorts.Next()}", "--check-config");
        Assert.Equal(2, down.ExitCode);
        Assert.Contains("FAILED   the configuration could not be built: Consul at http://127.0.0.1:", down.Output);
        Assert.Contains("did not answer within 3 s", down.Output);
        Assert.DoesNotContain(WorkerStarted, down.Output + down.Errors);
    }

    [ConsulFact]
    public async Task The_settings_schema_accepts_a_good_file_and_rejects_a_bad_one_naming_each_mistake()
    {
        var schemaFile = files.File("orders.schema.json");
        var run = await RunAsync(consul: "http://127.0.0.1:1", $"--settings-schema={schemaFile}");   // no Consul is contacted
        Assert.Equal(0, run.ExitCode);
        var schema = Json.Schema.JsonSchema.FromFile(schemaFile);
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", JsonDocument.Parse(File.ReadAllText(schemaFile)).RootElement.GetProperty("$schema").GetString());

        var good = JsonDocument.Parse("""
            {
              "Orders": {
                "ServiceName": "orders",
                "Database": { "Host": "db.internal", "Port": 5432, "Password": "x" },
                "RequestTimeout": "1m30s",
                "MaxBodySize": "4MiB",
                "Workers": { "Count": "8", "Mode": "round-robin" },
                "FeatureFlags": "new-checkout, fast-refunds"
              },
              "Reporting": { "Database": { "Host": "reports.internal", "Port": "5433" } },
              "Logging": { "LogLevel": { "Default": "Information" } }
            }
            """);
        var bad = JsonDocument.Parse("""
            {
              "Orders": {
                "Database": { "Host": "db.internal", "Port": 70000, "Pasword": "typo" },
                "RequestTimeout": "90",
                "MaxBodySize": "4 lots",
                "Workers": { "Count": 0, "Mode": "random" }
              }
            }
            """);
        var options = new Json.Schema.EvaluationOptions { OutputFormat = Json.Schema.OutputFormat.List };

        var accepted = schema.Evaluate(good.RootElement, options);
        Assert.True(accepted.IsValid, string.Join("\n", Errors(accepted)));

        var rejected = schema.Evaluate(bad.RootElement, options);
        Assert.False(rejected.IsValid);
        var errors = Errors(rejected).ToList();
        output.WriteLine(string.Join("\n", errors));
        foreach (var location in new[] { "/Orders/Database/Port", "/Orders/Database/Pasword", "/Orders/RequestTimeout", "/Orders/MaxBodySize", "/Orders/Workers/Count", "/Orders/Workers/Mode", "/Orders" })
        {
            Assert.Contains(errors, e => e.StartsWith(location + ":", StringComparison.Ordinal));
        }

        Assert.Contains(errors, e => e.StartsWith("/Orders:", StringComparison.Ordinal) && e.Contains("ServiceName", StringComparison.Ordinal));
    }

    private static IEnumerable<string> Errors(Json.Schema.EvaluationResults results) =>
        (results.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"));
}
