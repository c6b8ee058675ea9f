using Config.Providers.Tests.Support;
using Microsoft.Extensions.Configuration;
using Config.Providers.Core;

namespace Config.Providers.Tests.Yaml;

public sealed class YamlProviderTests : IDisposable
{
    private readonly TempDirectory directory = new();
    private readonly CapturedLogs logs = new();

    public void Dispose() => directory.Dispose();

    private ConfigurationRoot Watch(string name, string? versionKey = null) =>
        (ConfigurationRoot)new ConfigurationBuilder().AddYamlFile(s =>
        {
            s.Path = directory.File(name);
            s.ReloadOnChange = true;
            s.ReloadDelay = TimeSpan.FromMilliseconds(50);
            s.VersionKey = versionKey;
            s.LoggerFactory = logs.Factory();
        }).Build();

    [Fact]
    public void Loads_a_file_and_names_origins()
    {
        directory.Write("config.yaml", "orders:\n  port: 8080\n");
        var configuration = new ConfigurationBuilder().SetBasePath(directory.Path).AddYamlFile("config.yaml").Build();
        Assert.Equal("8080", configuration["Orders:Port"]);
        Assert.True(((IConfigurationOrigins)configuration.Providers.Single()).TryGetOrigin("orders:port", out var origin));
        Assert.Equal("yaml config.yaml:2:9", origin);
    }

    [Fact]
    public void A_malformed_file_fails_startup_with_line_and_column()
    {
        directory.Write("config.yaml", "a: 1\nb: !exec ls\n");
        var error = Assert.Throws<ConfigurationFormatException>(() => new ConfigurationBuilder().SetBasePath(directory.Path).AddYamlFile("config.yaml").Build());
        Assert.StartsWith("config.yaml:2:4: unsupported tag ('!' and a name, not shown", error.Message);
    }

    [Fact]
    public async Task A_generated_file_goes_through_change_half_write_recovery_delete_recreate_and_rename()
    {
        directory.Write("config.yaml", "orders:\n  port: 1\n");
        using var configuration = Watch("config.yaml");

        var reload = configuration.NextReload();
        directory.Write("config.yaml", "orders:\n  port: 2\n");
        await reload.Within();
        Assert.Equal("2", configuration["orders:port"]);

        // A generator caught half-way through writing: the last good data stays.
        var invalid = logs.Next(201);
        directory.Write("config.yaml", "orders:\n  port: 3\n  hosts: [a, b");
        Assert.Contains("config.yaml:", await invalid.Within());
        Assert.Equal("2", configuration["orders:port"]);

        reload = configuration.NextReload();
        directory.Write("config.yaml", "orders:\n  port: 4\n");
        await reload.Within();
        Assert.Equal("4", configuration["orders:port"]);

        var missing = logs.Next(202);
        File.Delete(directory.File("config.yaml"));
        await missing.Within();
        Assert.Equal("4", configuration["orders:port"]);

        reload = configuration.NextReload();
        directory.Write("config.yaml", "orders:\n  port: 5\n");
        await reload.Within();
        Assert.Equal("5", configuration["orders:port"]);

        reload = configuration.NextReload();
        directory.Replace("config.yaml", "orders:\n  port: 6\n");
        await reload.Within();
        Assert.Equal("6", configuration["orders:port"]);
    }

    [Fact]
    public async Task With_a_version_key_an_older_file_never_replaces_a_newer_one()
    {
        directory.Write("config.yaml", "version: 2\norders: {port: 2}\n");
        using var configuration = Watch("config.yaml", versionKey: "version");

        var ignored = logs.Next(203);
        directory.Replace("config.yaml", "version: 1\norders: {port: 1}\n");
        Assert.Contains("its version 1 is older than the loaded version 2", await ignored.Within());
        Assert.Equal("2", configuration["orders:port"]);

        var reload = configuration.NextReload();
        directory.Replace("config.yaml", "version: 10\norders: {port: 10}\n");
        await reload.Within();
        Assert.Equal("10", configuration["orders:port"]);
    }

    [Theory]
    [InlineData("2", "10", -1)]
    [InlineData("1.2.10", "1.2.9", 1)]
    [InlineData("2026-11-22T10:00:00Z", "2026-11-22T09:59:59Z", 1)]
    [InlineData("3", "3", 0)]
    [InlineData("2026-11-22T10:00:00.5Z", "2026-11-22T10:00:00Z", 1)]
    [InlineData("2026-11-22T12:00:00+02:00", "2026-11-22T11:00:00Z", -1)]
    [InlineData("2026-11-22T10:00:00+01:00", "2026-11-22T09:00:00Z", 0)]
    [InlineData("2026-11-22 10:00:01", "2026-11-22T10:00:00Z", 1)]
    public void File_versions_compare_numerically_by_parts_or_as_timestamps(string a, string b, int sign) =>
        Assert.Equal(sign, Math.Sign(Config.Providers.Files.FileVersions.Compare(a, b)!.Value));

    [Theory]
    [InlineData("2026-11-22T10:00:00Z", "7")]
    [InlineData("release-b", "release-a")]
    public void Versions_of_different_kinds_or_plain_text_are_never_ordered_as_strings(string a, string b) =>
        Assert.Null(Config.Providers.Files.FileVersions.Compare(a, b));

    [Fact]
    public async Task A_file_that_loses_its_version_or_cannot_be_ordered_is_refused_and_the_newer_data_kept()
    {
        directory.Write("config.yaml", "version: 2026-11-22T10:00:00.5Z\norders: {port: 2}\n");
        using var configuration = Watch("config.yaml", versionKey: "version");

        // As strings, "…10:00:00Z" sorts after "…10:00:00.5Z"; as instants it is older.
        var ignored = logs.Next(203);
        directory.Replace("config.yaml", "version: 2026-11-22T10:00:00Z\norders: {port: 1}\n");
        await ignored.Within();

        var refused = logs.Next(206);
        directory.Replace("config.yaml", "orders: {port: 3}\n");
        Assert.Contains("its version (none) cannot be ordered against the loaded version 2026-11-22T10:00:00.5Z", await refused.Within());

        refused = logs.Next(206);
        directory.Replace("config.yaml", "version: 42\norders: {port: 4}\n");
        Assert.Contains("its version 42 cannot be ordered", await refused.Within());
        Assert.Equal("2", configuration["orders:port"]);

        var reload = configuration.NextReload();
        directory.Replace("config.yaml", "version: 2026-11-22T11:00:00+00:30\norders: {port: 5}\n");
        await reload.Within();
        Assert.Equal("5", configuration["orders:port"]);
    }
}
