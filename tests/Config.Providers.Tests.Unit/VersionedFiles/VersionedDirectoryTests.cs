using Config.Providers.Core;
using Config.Providers.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Config.Providers.Tests.VersionedFiles;

/// <summary>serf-handler's configuration folder: one versioned document per product and key, on real files, watched.</summary>
public sealed class VersionedDirectoryTests : IDisposable
{
    private readonly TempDirectory directory = new();
    private readonly CapturedLogs logs = new();

    public void Dispose() => directory.Dispose();

    private void Write(string relative, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(directory.File(relative))!);
        directory.Replace(relative, content);
    }

    private ConfigurationRoot Watch() =>
        (ConfigurationRoot)new ConfigurationBuilder().AddVersionedDirectory(s =>
        {
            s.Path = directory.File("configs");
            s.ReloadDelay = TimeSpan.FromMilliseconds(50);
            s.LoggerFactory = logs.Factory();
        }).Build();

    [Fact]
    public void Documents_are_mounted_at_product_and_key_and_the_version_is_consumed()
    {
        // serf-handler's own example: configs/product1/security.json.
        Write("configs/product1/security.json", """{ "_version": 12, "a": true, "b": ["a", "b"] }""");
        Write("configs/product2/limits.yaml", "_version: 2026-11-22T10:00:00Z\nmax: 5\n");
        using var configuration = Watch();

        Assert.Equal(("true", "b", "5"), (configuration["product1:security:a"], configuration["product1:security:b:1"], configuration["product2:limits:max"]));
        Assert.DoesNotContain(configuration.AsEnumerable(), p => p.Key.Contains("_version", StringComparison.OrdinalIgnoreCase));
        Assert.True(((IConfigurationOrigins)configuration.Providers.Single()).TryGetOrigin("product2:limits:max", out var origin));
        Assert.Equal($"yaml {directory.File("configs/product2/limits.yaml")}:2:6", origin);
    }

    [Fact]
    public void A_document_without_its_version_stops_startup_naming_the_file()
    {
        Write("configs/product1/security.json", """{ "a": true }""");
        var error = Assert.Throws<ConfigurationFormatException>(() => Watch());
        Assert.Equal(directory.File("configs/product1/security.json"), error.Path);
        Assert.Contains("has no '_version'", error.Reason);
    }

    [Fact]
    public async Task Files_appear_change_and_disappear_and_an_older_version_never_replaces_a_newer_one()
    {
        Write("configs/product1/security.json", """{ "_version": "2026-11-22T10:00:00.5Z", "level": 2 }""");
        using var configuration = Watch();

        // Older as an instant, though it sorts after as a string.
        var ignored = logs.Next(203);
        Write("configs/product1/security.json", """{ "_version": "2026-11-22T10:00:00Z", "level": 1 }""");
        Assert.Contains("is older than the loaded version", await ignored.Within());
        Assert.Equal("2", configuration["product1:security:level"]);

        Write("configs/product1/security.json", """{ "_version": "2026-11-22T10:00:01Z", "level": 3 }""");
        await configuration.WaitForValue("product1:security:level", "3");

        Write("configs/product3/cache.json", """{ "_version": 1, "ttl": "30s" }""");
        await configuration.WaitForValue("product3:cache:ttl", "30s");

        var refused = logs.Next(201);
        Write("configs/product1/security.json", """{ "level": 4 }""");
        Assert.Contains("has no '_version'", await refused.Within());
        Assert.Equal("3", configuration["product1:security:level"]);

        File.Delete(directory.File("configs/product3/cache.json"));
        await configuration.WaitForValue("product3:cache:ttl", null);
        Assert.Equal("3", configuration["product1:security:level"]);
    }

    [Fact]
    public void Links_out_of_the_folder_are_not_read_unless_allowed_and_say_so()
    {
        using var elsewhere = new TempDirectory();
        Write("configs/product1/limits.json", """{ "_version": 1, "max": 1 }""");
        File.WriteAllText(elsewhere.File("secret.json"), """{ "_version": 1, "key": "outside-value" }""");
        Directory.CreateDirectory(elsewhere.File("product9"));
        File.WriteAllText(elsewhere.File("product9/x.json"), """{ "_version": 1, "y": "outside-folder" }""");
        File.CreateSymbolicLink(directory.File("configs/product1/secret.json"), elsewhere.File("secret.json"));
        Directory.CreateSymbolicLink(directory.File("configs/product9"), elsewhere.File("product9"));
        File.CreateSymbolicLink(directory.File("configs/product1/inside.json"), directory.File("configs/product1/limits.json"));

        using (var configuration = Watch())
        {
            Assert.Equal("1", configuration["product1:limits:max"]);
            Assert.Equal("1", configuration["product1:inside:max"]);            // a link inside the folder is fine
            Assert.Null(configuration["product1:secret:key"]);
            Assert.Null(configuration["product9:x:y"]);
            var problems = Config.Providers.Diagnostics.SourceStatuses.Of(configuration).SelectMany(s => s.Problems).Select(p => p.Part).ToList();
            Assert.Contains(directory.File("configs/product1/secret.json"), problems);
            Assert.Contains(directory.File("configs/product9"), problems);
        }

        using var allowed = (ConfigurationRoot)new ConfigurationBuilder().AddVersionedDirectory(s =>
        {
            s.Path = directory.File("configs");
            s.FollowLinksOutside = true;
        }).Build();
        Assert.Equal(("outside-value", "outside-folder"), (allowed["product1:secret:key"], allowed["product9:x:y"]));
    }

    [Fact]
    public async Task The_sources_health_check_lists_each_document_and_files_that_could_not_be_added()
    {
        Write("configs/product1/security.json", """{ "_version": 1, "level": 1 }""");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddVersionedDirectory(s =>
        {
            s.Path = directory.File("configs");
            s.ReloadDelay = TimeSpan.FromMilliseconds(50);
            s.LoggerFactory = logs.Factory();
        });
        builder.Services.AddHealthChecks().AddConfigurationSourcesCheck();
        using var host = builder.Build();
        var health = host.Services.GetRequiredService<HealthCheckService>();
        var report = await health.CheckHealthAsync();
        Assert.Equal(HealthStatus.Healthy, report.Status);
        Assert.Equal("2 configuration source(s) current.", report.Entries.Single().Value.Description);   // the folder, the document

        // A document that turns malformed keeps its last good data, and says so.
        var kept = logs.Next(201);
        Write("configs/product1/security.json", """{ "_version": 2, "level": """);
        await kept.Within();
        report = await health.CheckHealthAsync();
        Assert.Equal(HealthStatus.Degraded, report.Status);
        Assert.Contains(directory.File("configs/product1/security.json"), report.Entries.Single().Value.Description);

        // A new file that cannot be read is not added, and the folder says so.
        var notAdded = logs.Next(201);
        Write("configs/product2/new.json", """{ "level": 1 }""");
        await notAdded.Within();
        Write("configs/product1/security.json", """{ "_version": 3, "level": 3 }""");
        await host.Services.GetRequiredService<IConfiguration>().WaitForValue("product1:security:level", "3");
        var description = (await health.CheckHealthAsync()).Entries.Single().Value.Description!;
        Assert.Contains($"{directory.File("configs/product2/new.json")} — not added", description);
        Assert.DoesNotContain("security.json", description);

        Write("configs/product2/new.json", """{ "_version": 1, "level": 1 }""");
        await host.Services.GetRequiredService<IConfiguration>().WaitForValue("product2:new:level", "1");
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync()).Status);
    }
}
