using Config.Providers.EnvFiles;
using Config.Providers.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Config.Providers.Core;
using Config.Providers.Checking;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Config.Providers.Tests.EnvFiles;

public sealed class EnvFileProviderTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void Reads_keys_maps_double_underscores_to_sections_and_names_origins()
    {
        directory.Write(".env", "# service\nDatabase__Host=db.internal\nDatabase__Port=5432\nexport LOG_LEVEL=debug\n");
        var configuration = new ConfigurationBuilder().SetBasePath(directory.Path).AddEnvFile(".env").Build();

        Assert.Equal("db.internal", configuration["Database:Host"]);
        Assert.Equal("5432", configuration["database:port"]);
        Assert.Equal("debug", configuration["LOG_LEVEL"]);
        var provider = Assert.IsAssignableFrom<IConfigurationOrigins>(configuration.Providers.Single());
        Assert.True(provider.TryGetOrigin("Database:Port", out var origin));
        Assert.Equal("env file .env:3", origin);
    }

    [Fact]
    public async Task An_unset_variable_is_a_warning_that_check_config_counts_and_the_health_check_lists_until_the_file_is_fixed()
    {
        var unset = "CONFIG_PROVIDERS_UNSET_" + Guid.NewGuid().ToString("N");
        directory.Write(".env", $"Db__User=orders\nDb__Password=${{{unset}}}\n");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddEnvFile(s =>
        {
            s.Path = directory.File(".env");
            s.ReloadOnChange = true;
            s.ReloadDelay = TimeSpan.FromMilliseconds(50);
        });
        builder.Services.AddHealthChecks().AddConfigurationSourcesCheck();
        using var host = builder.Build();

        var check = ConfigCheck.Run(host.Services);
        var warning = Assert.Single(check.SourceWarnings);
        Assert.Equal(1, check.WarningCount);
        Assert.Equal(ConfigCheckReport.Valid, check.ExitCode);
        Assert.Contains($".env:2:14: variable '{unset}' is not set; it expands to an empty string", warning);
        var text = new StringWriter();
        ConfigCheckOutput.WriteText(check, text);
        Assert.Contains("1 warning(s)", text.ToString());

        var health = host.Services.GetRequiredService<HealthCheckService>();
        var report = await health.CheckHealthAsync();
        Assert.Equal(HealthStatus.Degraded, report.Status);
        Assert.Contains("Configuration read with warnings: ", report.Entries.Single().Value.Description);
        Assert.Contains(unset, report.Entries.Single().Value.Description);

        // Saying the empty value on purpose (a default) is no warning.
        directory.Write(".env", $"Db__User=orders\nDb__Password=${{{unset}:-}}\nDb__Ready=yes\n");
        await host.Services.GetRequiredService<IConfiguration>().WaitForValue("Db:Ready", "yes");
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync()).Status);
        Assert.Empty(ConfigCheck.Run(host.Services).SourceWarnings);
    }

    [Fact]
    public void A_prefix_selects_and_strips_keys()
    {
        directory.Write("app.env", "ORDERS_Database__Host=db\nOTHER_X=1\norders_Port=1\n");
        var configuration = new ConfigurationBuilder().AddEnvFile(s =>
        {
            s.Path = directory.File("app.env");
            s.Prefix = "ORDERS_";
        }).Build();

        Assert.Equal(new Dictionary<string, string?> { ["Database:Host"] = "db", ["Port"] = "1", ["Database"] = null }, configuration.AsEnumerable().ToDictionary());
    }

    [Fact]
    public void A_missing_required_file_fails_and_an_optional_one_is_empty()
    {
        var error = Assert.Throws<FileNotFoundException>(() => new ConfigurationBuilder().AddEnvFile(directory.File("missing.env")).Build());
        Assert.Contains("missing.env", error.Message);

        var configuration = new ConfigurationBuilder().AddEnvFile(directory.File("missing.env"), optional: true).Build();
        Assert.Empty(configuration.AsEnumerable());
    }

    [Fact]
    public void A_malformed_file_fails_startup_with_path_line_and_column()
    {
        var path = directory.Write(".env", "A=1\nB=\"unterminated\nC=3\n");
        var error = Assert.Throws<ConfigurationFormatException>(() => new ConfigurationBuilder().AddEnvFile(path).Build());
        Assert.Equal($"{path}:2:3: unterminated double-quoted value (the quote opened here is never closed)", error.Message);
    }

    [Fact]
    public void Settings_errors_name_the_env_file_line()
    {
        directory.Write(".env", "Orders__ServiceName=orders\nOrders__Database__Host=db\n\nOrders__Database__Port=abc\n");
        var configuration = new ConfigurationBuilder().SetBasePath(directory.Path).AddEnvFile(".env").Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddSettings<Settings.OrdersSettings>("Orders");
        using var provider = services.BuildServiceProvider();

        var error = Assert.ThrowsAny<OptionsValidationException>(() => provider.GetRequiredService<IOptions<Settings.OrdersSettings>>().Value);
        Assert.Contains("Orders:Database:Port: 'abc' is not a valid Int32: expected an integer from -2147483648 to 2147483647 (from env file .env:4)", error.Message);
    }

    [Fact]
    public void Loading_never_changes_the_process_environment()
    {
        var name = "CP_TEST_" + Guid.NewGuid().ToString("N");
        directory.Write(".env", $"{name}=1\nexport {name}_B=2\n");
        var configuration = new ConfigurationBuilder().AddEnvFile(directory.File(".env")).Build();
        Assert.Equal("1", configuration[name]);
        Assert.Null(Environment.GetEnvironmentVariable(name));
        Assert.Null(Environment.GetEnvironmentVariable(name + "_B"));
    }

    [Fact]
    public async Task A_watched_file_goes_through_change_corruption_recovery_delete_recreate_and_rename()
    {
        var logs = new CapturedLogs();
        directory.Write(".env", "A=1\nB=keep\n");
        using var configuration = (ConfigurationRoot)new ConfigurationBuilder().AddEnvFile(s =>
        {
            s.Path = directory.File(".env");
            s.ReloadOnChange = true;
            s.ReloadDelay = TimeSpan.FromMilliseconds(50);
            s.LoggerFactory = logs.Factory();
        }).Build();

        // Change.
        var reload = configuration.NextReload();
        directory.Write(".env", "A=2\nB=keep\n");
        await reload.Within();
        Assert.Equal("2", configuration["A"]);

        // Corruption: the last good data stays, and the error names the spot.
        var invalid = logs.Next(201);
        directory.Write(".env", "A=3\nB=\"half-writ");
        Assert.Contains(".env:2:3: unterminated double-quoted value", await invalid.Within());
        Assert.Equal("2", configuration["A"]);

        // Recovery.
        reload = configuration.NextReload();
        directory.Write(".env", "A=4\nB=keep\n");
        await reload.Within();
        Assert.Equal("4", configuration["A"]);

        // Delete: kept until the file is back.
        var missing = logs.Next(202);
        File.Delete(directory.File(".env"));
        await missing.Within();
        Assert.Equal("4", configuration["A"]);

        // Recreate.
        reload = configuration.NextReload();
        directory.Write(".env", "A=5\n");
        await reload.Within();
        Assert.Equal("5", configuration["A"]);
        Assert.Null(configuration["B"]);

        // Atomic replace by rename.
        reload = configuration.NextReload();
        directory.Replace(".env", "A=6\n");
        await reload.Within();
        Assert.Equal("6", configuration["A"]);
    }

    [Fact]
    public async Task A_burst_of_writes_is_read_once_and_an_unchanged_rewrite_signals_nothing()
    {
        var logs = new CapturedLogs();
        directory.Write(".env", "A=0\n");
        using var configuration = (ConfigurationRoot)new ConfigurationBuilder().AddEnvFile(s =>
        {
            s.Path = directory.File(".env");
            s.ReloadOnChange = true;
            s.ReloadDelay = TimeSpan.FromMilliseconds(300);
            s.LoggerFactory = logs.Factory();
        }).Build();
        var reloads = 0;
        using var counting = Microsoft.Extensions.Primitives.ChangeToken.OnChange(configuration.GetReloadToken, () => Interlocked.Increment(ref reloads));

        var reload = configuration.NextReload();
        for (var i = 1; i <= 20; i++)
        {
            directory.Write(".env", $"A={i}\n");
        }

        await reload.Within();
        Assert.Equal("20", configuration["A"]);

        // Rewriting the same content fires the watcher but is not a change: the next reload seen is the real one.
        directory.Write(".env", "A=20\n");
        reload = configuration.NextReload();
        var applied = logs.Next(200);
        directory.Write(".env", "A=21\n");
        await reload.Within();
        await applied.Within();
        Assert.Equal("21", configuration["A"]);
        Assert.Equal(2, Volatile.Read(ref reloads));
    }
}
