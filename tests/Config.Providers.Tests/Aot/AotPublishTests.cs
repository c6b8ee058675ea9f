using System.Text.RegularExpressions;
using Config.Providers.Testing;
using Config.Providers.Tests.Consul;
using Config.Providers.Tests.Support;
using Xunit.Abstractions;

namespace Config.Providers.Tests.Aot;

/// <summary>
/// Publishes docs/examples/AotService with Native AOT, as a user would, and fails on any trim or AOT warning
/// that comes from this library (or from the app's use of it); then runs the native program on files, and on
/// files and a real Consul, and checks every value it bound.
/// </summary>
[Collection(ReleaseBuilds.Name)]
public sealed partial class AotPublishTests(ConsulAgentFixture fixture, ITestOutputHelper output) : IClassFixture<ConsulAgentFixture>, IDisposable
{
    private readonly TempDirectory published = new();
    private readonly TempDirectory work = new();

    public void Dispose()
    {
        published.Dispose();
        work.Dispose();
    }

    [ConsulFact]
    public async Task The_example_publishes_with_native_AOT_without_a_library_warning_and_binds_from_files_and_Consul()
    {
        // TreatWarningsAsErrors off only so that every warning is listed, not just the first few.
        var publish = await ProcessRun.RunAsync(
            "dotnet",
            ["publish", "docs/examples/AotService", "-c", "Release", "-o", published.Path, "--nologo", "-p:TreatWarningsAsErrors=false", "-p:TrimmerSingleWarn=false"],
            RepositoryRoot.Path,
            TimeSpan.FromMinutes(10));
        Assert.True(publish.ExitCode == 0, $"dotnet publish failed:\n{publish.Output}\n{publish.Errors}");
        var warnings = publish.Output.Split('\n').Where(l => TrimWarning().IsMatch(l)).Select(l => l.Trim()).Distinct().ToList();
        output.WriteLine($"{warnings.Count} trim/AOT warning(s) in the publish:\n" + string.Join('\n', warnings));
        Assert.DoesNotContain(warnings, l => l.Contains("Config.Providers", StringComparison.Ordinal) || l.Contains("AotService", StringComparison.Ordinal));

        var program = Path.Combine(published.Path, "AotService");
        File.Copy(Path.Combine(RepositoryRoot.Path, "docs/examples/AotService/config.yaml"), work.File("config.yaml"));
        File.Copy(Path.Combine(RepositoryRoot.Path, "docs/examples/AotService/.env"), work.File(".env"));

        var fromFiles = await RunAsync(program, consul: null);
        Assert.Equal("db.internal:5432 password=[redacted]", fromFiles["Database"]);
        Assert.Equal("8080,8443", fromFiles["Ports"]);
        Assert.Equal("orders=10,payments=20", fromFiles["Limits"]);
        Assert.Equal("Silver", fromFiles["Tier"]);
        Assert.Equal("00:01:30", fromFiles["Timeout"]);
        Assert.Equal("4194304", fromFiles["MaxBody"]);
        Assert.Equal("https://api.example:8443/v1", fromFiles["Api"]);
        Assert.Equal("amqp://rabbit:5672", fromFiles["Queue"]);
        Assert.Equal("blue,green", fromFiles["Tags"]);
        Assert.Equal("4", fromFiles["Workers"]);

        await fixture.Agent.SeedAsync([
            ("config/aot-service/Aot/Workers", "12"),
            ("config/aot-service/Aot/Limits/orders", "15"),
            ("config/aot-service/Aot/Timeout", "2m"),
            ("config/aot-service/Aot/Queue/Host", "rabbit.consul"),
        ]);
        var fromConsul = await RunAsync(program, consul: fixture.Agent.Address.ToString());
        Assert.Equal("12", fromConsul["Workers"]);
        Assert.Equal("orders=15,payments=20", fromConsul["Limits"]);
        Assert.Equal("00:02:00", fromConsul["Timeout"]);
        Assert.Equal("amqp://rabbit.consul:5672", fromConsul["Queue"]);
        Assert.Equal("8080,8443", fromConsul["Ports"]);

        // Invalid values stop the native program with the same precise problems as on the JIT.
        await fixture.Agent.SeedAsync([("config/aot-service/Aot/Workers", "100"), ("config/aot-service/Aot/Ports/1", "https")]);
        var invalid = await ProcessRun.RunAsync(program, [], work.Path, TimeSpan.FromMinutes(1), Environment(fixture.Agent.Address.ToString()));
        Assert.Equal(2, invalid.ExitCode);
        Assert.Contains("Aot:Workers: The field Workers must be between 1 and 64.", invalid.Errors);
        Assert.Contains("Aot:Ports:1: 'https' is not a valid Int32", invalid.Errors);

        // --check-config works in the native program too: the same problems, as JSON, nothing started.
        var check = await ProcessRun.RunAsync(program, ["--check-config=json"], work.Path, TimeSpan.FromMinutes(1), Environment(fixture.Agent.Address.ToString()));
        Assert.Equal(2, check.ExitCode);
        using var report = System.Text.Json.JsonDocument.Parse(check.Output);
        Assert.Equal(
            ["Aot:Ports:1", "Aot:Workers"],
            report.RootElement.GetProperty("settings")[0].GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("key").GetString()).Order(StringComparer.Ordinal));

        // --settings-schema too, from the generated descriptions (no XML documentation in a native app: no descriptions).
        var schema = await ProcessRun.RunAsync(program, ["--settings-schema"], work.Path, TimeSpan.FromMinutes(1), Environment(consul: null));
        Assert.Equal(0, schema.ExitCode);
        using var described = System.Text.Json.JsonDocument.Parse(schema.Output);
        Assert.Equal("#/$defs/AotSettings", described.RootElement.GetProperty("properties").GetProperty("Aot").GetProperty("$ref").GetString());
        Assert.Contains("Workers", described.RootElement.GetProperty("$defs").GetProperty("AotSettings").GetProperty("properties").EnumerateObject().Select(p => p.Name));
    }

    private async Task<Dictionary<string, string>> RunAsync(string program, string? consul)
    {
        var run = await ProcessRun.RunAsync(program, [], work.Path, TimeSpan.FromMinutes(1), Environment(consul));
        output.WriteLine(run.Output + run.Errors);
        Assert.True(run.ExitCode == 0, $"the native program failed ({run.ExitCode}):\n{run.Output}\n{run.Errors}");
        return run.Output.Split('\n')
            .Select(l => l.Split('=', 2))
            .Where(p => p.Length == 2 && !p[0].StartsWith(' ') && !p[0].Contains(':'))
            .ToDictionary(p => p[0], p => p[1].Trim());
    }

    private static Dictionary<string, string?> Environment(string? consul) => new()
    {
        ["CONSUL_HTTP_ADDR"] = consul,
        ["DOTNET_ENVIRONMENT"] = "Production",
        ["Logging__LogLevel__Default"] = "Warning",
    };

    [GeneratedRegex(@"warning (IL\d{4}|CPS\d{4})")]
    private static partial Regex TrimWarning();
}
