using System.Text;
using Config.Providers.Cli.Commands;
using Config.Providers.Consul;
using Config.Providers.Testing;
using Config.Providers.Tests.Consul;
using Config.Providers.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace Config.Providers.Tests.Cli;

/// <summary><c>config-providers push</c> against a real Consul agent: checked transactions, diffs, prune, splits.</summary>
public sealed class PushTests(ConsulAgentFixture fixture) : IClassFixture<ConsulAgentFixture>, IDisposable
{
    private readonly TempDirectory directory = new();
    private readonly string service = "svc" + Guid.NewGuid().ToString("N")[..8];

    public void Dispose() => directory.Dispose();

    private string Folder => $"config/{service}/";

    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApplication.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private Task<(int Code, string Output, string Error)> Push(string input, Uri consul, params string[] more) =>
        Run(["push", input, "--service", service, "--consul", consul.ToString(), .. more]);

    private async Task<Dictionary<string, string?>> ConsulKeys()
    {
        using var client = new ConsulHttpClient(new ConsulClientOptions { Address = fixture.Agent.Address });
        var listing = await client.ListAsync(Folder);
        return listing.Value.ToDictionary(e => e.Key[Folder.Length..], e => e.Value is null ? null : Encoding.UTF8.GetString(e.Value));
    }

    [ConsulFact]
    public async Task A_file_is_written_as_keys_the_service_reads_back_with_secrets_masked_in_the_output()
    {
        var yaml = directory.Write("orders.yaml", "Orders:\n  Port: 5432\n  Hosts: [a, b]\n  Database: {Password: 'hunter2-secret'}\nEmpty: ''\n");

        var (code, output, error) = await Push(yaml, fixture.Agent.Address, "--environment", "Production");

        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.Contains($"Pushing 5 key(s) to config/{service},Production/ in Consul at", output);
        Assert.Contains("+ Orders/Port = 5432", output);
        Assert.Contains("+ Orders/Hosts/1 = b", output);
        Assert.Contains("+ Orders/Database/Password = [redacted]", output);
        Assert.DoesNotContain("hunter2", output);
        Assert.Contains("Pushed 5 change(s) in 1 transaction(s).", output);

        using var read = new ConfigurationBuilder().AddConsulKv(s =>
        {
            s.Client = new ConsulClientOptions { Address = fixture.Agent.Address };
            s.Service = service;
            s.Environment = "Production";
            s.ReloadOnChange = false;
        }).Build() as IDisposable;
        var configuration = (IConfiguration)read!;
        // Consul keeps no difference between an empty value and none: Empty comes back as a key without a value.
        var expected = new ConfigurationBuilder().AddYamlFile(yaml).Build().AsEnumerable().OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase);
        var actual = configuration.AsEnumerable().OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase);
        Assert.Equal(expected.Select(p => (p.Key, p.Value ?? string.Empty)), actual.Select(p => (p.Key, p.Value ?? string.Empty)));

        // Pushing the same again changes nothing.
        (code, output, _) = await Push(yaml, fixture.Agent.Address, "--environment", "Production");
        Assert.Equal(0, code);
        Assert.Contains("= 5 unchanged", output);
        Assert.Contains("Nothing to change.", output);
    }

    [ConsulFact]
    public async Task Dry_run_prints_added_changed_and_pruned_keys_writes_nothing_and_the_real_push_applies_exactly_that()
    {
        await fixture.Agent.SeedAsync([($"{Folder}Orders/Port", "1"), ($"{Folder}Orders/Host", "old-host"), ($"{Folder}orders/level", "debug"), ($"{Folder}Old/Key", "x"), ($"{Folder}Orders/Token", "old-token-value")]);
        var before = await ConsulKeys();
        var input = directory.Write("orders.env", "Orders__Port=1\nOrders__Host=new-host\nOrders__Level=info\nOrders__Timeout=30s\nOrders__Token=new-token-value\n");

        var (code, output, _) = await Push(input, fixture.Agent.Address, "--prune", "--dry-run");

        Assert.Equal(0, code);
        Assert.Contains("+ Orders/Timeout = 30s", output);
        Assert.Contains("~ Orders/Host = new-host (was old-host)", output);
        Assert.Contains("~ orders/level = info (was debug)", output);                   // the existing key, in its own spelling
        Assert.Contains("~ Orders/Token = [redacted] (was [redacted])", output);
        Assert.Contains("- Old/Key", output);
        Assert.Contains("= 1 unchanged", output);
        Assert.Contains("Dry run: 5 change(s), nothing written.", output);
        Assert.DoesNotContain("token-value", output);
        Assert.Equal(before, await ConsulKeys());

        // With the service's schema, a [Secret] member whose name does not look secret is masked too.
        var schema = directory.Write("orders.schema.json", """{ "properties": { "Orders": { "properties": { "Host": { "type": "string", "x-secret": true } } } } }""");
        (code, output, _) = await Push(input, fixture.Agent.Address, "--prune", "--dry-run", "--schema", schema);
        Assert.Equal(0, code);
        Assert.Contains("~ Orders/Host = [redacted] (was [redacted])", output);
        Assert.DoesNotContain("new-host", output);

        (code, output, _) = await Push(input, fixture.Agent.Address, "--prune");

        Assert.Equal(0, code);
        Assert.Contains("Pushed 5 change(s) in 1 transaction(s).", output);
        Assert.Equal(
            new Dictionary<string, string?> { ["Orders/Port"] = "1", ["Orders/Host"] = "new-host", ["orders/level"] = "info", ["Orders/Timeout"] = "30s", ["Orders/Token"] = "new-token-value" },
            await ConsulKeys());
    }

    [ConsulFact]
    public async Task An_edit_between_reading_and_writing_fails_the_push_and_nothing_of_it_is_applied()
    {
        await fixture.Agent.SeedAsync([($"{Folder}Orders/Host", "old-host")]);
        await using var proxy = FaultProxy.Start(fixture.Agent.Address);
        proxy.BeforeForward = async (method, target) =>
        {
            if (method == "PUT" && target.StartsWith("/v1/txn", StringComparison.Ordinal))
            {
                await fixture.Agent.SeedAsync([($"{Folder}Orders/Host", "their-host")]);   // someone else, just now
            }
        };
        var input = directory.Write("orders.yaml", "Orders: {Host: my-host, Added: yes}\n");

        var (code, _, error) = await Push(input, proxy.Address);

        Assert.Equal(PushCommand.Conflict, code);
        Assert.Contains($"'{Folder}Orders/Host' changed in Consul since it was read (someone else edited it), so nothing of transaction 1 of 1 was applied", error);
        Assert.Contains("Nothing was written.", error);
        Assert.Equal(new Dictionary<string, string?> { ["Orders/Host"] = "their-host" }, await ConsulKeys());
    }

    [ConsulFact]
    public async Task A_push_of_more_than_64_operations_goes_in_several_transactions_and_says_it_is_not_atomic()
    {
        var lines = Enumerable.Range(0, 150).Select(i => $"K{i:000}=v1-{i}");
        var input = directory.Write("many.env", string.Join('\n', lines) + "\n");

        var (code, output, error) = await Push(input, fixture.Agent.Address);

        Assert.Equal(0, code);
        Assert.Contains("150 operations are more than Consul's 64 per transaction: they go in 3 transactions, one after another, so the push is NOT atomic as a whole", error);
        Assert.Contains("Pushed 150 change(s) in 3 transaction(s).", output);
        var keys = await ConsulKeys();
        Assert.Equal(150, keys.Count);
        Assert.Equal("v1-149", keys["K149"]);

        // A conflict in the second transaction leaves the first applied and the rest not, and says so.
        await using var proxy = FaultProxy.Start(fixture.Agent.Address);
        var transactions = 0;
        proxy.BeforeForward = async (method, target) =>
        {
            if (method == "PUT" && target.StartsWith("/v1/txn", StringComparison.Ordinal) && Interlocked.Increment(ref transactions) == 2)
            {
                await fixture.Agent.SeedAsync([($"{Folder}K070", "theirs")]);
            }
        };
        File.WriteAllText(input, string.Join('\n', Enumerable.Range(0, 150).Select(i => $"K{i:000}=v2-{i}")) + "\n");

        (code, _, error) = await Push(input, proxy.Address);

        Assert.Equal(PushCommand.Conflict, code);
        Assert.Contains($"'{Folder}K070' changed in Consul since it was read", error);
        Assert.Contains("Transactions 1 to 1 of 3 were applied; 2 to 3 were not.", error);
        keys = await ConsulKeys();
        Assert.Equal(("v2-0", "v2-63", "v1-64", "theirs", "v1-149"), (keys["K000"], keys["K063"], keys["K064"], keys["K070"], keys["K149"]));
    }

    [ConsulFact]
    public async Task A_consul_that_is_down_or_answers_a_proxy_page_fails_the_push_with_exit_1_saying_so()
    {
        var input = directory.Write("orders.yaml", "Orders: {Host: my-host}\n");

        var (code, _, error) = await Push(input, new Uri($"http://127.0.0.1:{TestPorts.Next()}/"));
        Assert.Equal(PushCommand.ConsulFailed, code);
        Assert.Contains("is unreachable", error);

        // The read goes through; the write meets a load balancer's page: not reported as applied.
        await using var proxy = FaultProxy.Start(fixture.Agent.Address);
        proxy.BeforeForward = (method, _) =>
        {
            if (method == "PUT")
            {
                proxy.Inject(ProxyFault.Html, times: 1);
            }

            return Task.CompletedTask;
        };
        (code, var output, error) = await Push(input, proxy.Address);
        Assert.Equal(PushCommand.ConsulFailed, code);
        Assert.Contains("not JSON, when applying a transaction of 1 operation(s) (a proxy in between?); whether it was applied is unknown", error);
        Assert.DoesNotContain("Pushed", output);
    }

    [Fact]
    public async Task Two_files_setting_one_key_and_a_missing_input_are_refused_before_consul_is_contacted()
    {
        Directory.CreateDirectory(directory.File("in"));
        directory.Write("in/a.yaml", "Orders: {Port: 1}\n");
        directory.Write("in/b.env", "orders__port=2\n");
        directory.Write("in/README.md", "notes\n");
        var nowhere = new Uri("http://127.0.0.1:1/");

        var (code, _, error) = await Push(directory.File("in"), nowhere);

        Assert.Equal(CliApplication.BadInput, code);
        Assert.Contains($"skipped {directory.File("in/README.md")}: not a .yaml, .yml, .json or .env file", error);
        Assert.Contains($"1 key(s) set twice in the input: 'orders:port' is set by both {directory.File("in/a.yaml")} and {directory.File("in/b.env")}", error);

        (code, _, error) = await Push(directory.File("missing.yaml"), nowhere);
        Assert.Equal(CliApplication.BadInput, code);
        Assert.Contains("missing.yaml: no such file or folder", error);
    }
}
