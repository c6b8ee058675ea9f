using Config.Providers.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace Config.Providers.Tests.Core;

/// <summary>
/// A change listener that throws (issue 19): on a watched env file the exception vanished as an unobserved task
/// exception, and on a versioned folder — raised from a timer — it ended the process. Now every provider raises its
/// change token the same way: the listener's exception is logged (event 500), the other listeners still run, the new
/// data is in place, and nothing escapes into the thread that raised it.
/// </summary>
public sealed class ChangeListenerTests : IDisposable
{
    private readonly TempDirectory directory = new();
    private readonly CapturedLogs logs = new();

    public void Dispose() => directory.Dispose();

    private static async Task AfterAThrowingListener(IConfigurationRoot root, Action change, string key, string expected)
    {
        using var throwing = ChangeToken.OnChange(root.GetReloadToken, () => throw new InvalidOperationException("a listener's bug"));
        var after = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var next = ChangeToken.OnChange(root.GetReloadToken, () => { if (root[key] == expected) { after.TrySetResult(); } });

        change();

        await after.Task.WaitAsync(ReloadWaits.Timeout);
        Assert.Equal(expected, root[key]);
    }

    [Fact]
    public async Task A_throwing_listener_on_a_watched_env_file_is_logged_and_the_others_still_run()
    {
        var path = directory.Write(".env", "Level=info\n");
        using var root = (ConfigurationRoot)new ConfigurationBuilder().AddEnvFile(s =>
        {
            s.Path = path;
            s.ReloadOnChange = true;
            s.ReloadDelay = TimeSpan.FromMilliseconds(50);
            s.LoggerFactory = logs.Factory();
        }).Build();
        var logged = logs.Next(500);

        await AfterAThrowingListener(root, () => directory.Replace(".env", "Level=debug\n"), "Level", "debug");

        Assert.Contains(path, await logged.WaitAsync(ReloadWaits.Timeout));
    }

    /// <summary>The other watched-file providers: each shares the reload rules, each is held to them here.</summary>
    public static TheoryData<string> FileProviders => new() { "yaml", "dotcloud", "serf" };

    [Theory]
    [MemberData(nameof(FileProviders))]
    public async Task A_throwing_listener_on_a_watched_file_is_logged_and_the_next_change_applies(string kind)
    {
        // The file's name and key, and for the first, second and third content the value the key then has.
        var (name, key, file, value) = kind switch
        {
            "yaml" => ("app.yaml", "Level", (Func<string, string>)(v => $"Level: {v}\n"), (Func<string, string>)(v => v)),
            "dotcloud" => ("environment.json", "DOTCLOUD_PROJECT", v => $$"""{ "DOTCLOUD_PROJECT": "{{v}}" }""", v => v),
            _ => ("services.yml", "Services:product1:web:0", v => $"product1:\n  web:\n    - name: n1\n      addr: {v}\n      port: 80\n", v => v + ":80"),
        };
        var (first, second, third) = kind == "serf" ? ("10.0.0.1", "10.0.0.2", "10.0.0.3") : kind == "yaml" ? ("info", "debug", "trace") : ("a", "b", "c");
        var path = directory.Write(name, file(first));
        var builder = new ConfigurationBuilder();
        Action<Config.Providers.Files.WatchedFileSource> watch = s =>
        {
            s.Path = path;
            s.ReloadOnChange = true;
            s.ReloadDelay = TimeSpan.FromMilliseconds(50);
            s.LoggerFactory = logs.Factory();
        };
        _ = kind switch
        {
            "yaml" => builder.AddYamlFile(s => watch(s)),
            "dotcloud" => builder.AddDotCloudEnvironment(s => watch(s)),
            _ => builder.AddSerfServices(s => watch(s)),
        };
        using var root = (ConfigurationRoot)builder.Build();
        var logged = logs.Next(500);

        await AfterAThrowingListener(root, () => directory.Replace(name, file(second)), key, value(second));
        Assert.Contains(path, await logged.WaitAsync(ReloadWaits.Timeout));

        // The provider still watches and reloads after its listener threw.
        var later = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var next = ChangeToken.OnChange(root.GetReloadToken, () => { if (root[key] == value(third)) { later.TrySetResult(); } });
        directory.Replace(name, file(third));
        await later.Task.WaitAsync(ReloadWaits.Timeout);
    }

    [Fact]
    public async Task A_throwing_listener_on_a_versioned_folder_does_not_end_the_process()
    {
        Directory.CreateDirectory(directory.File("configs/product1"));
        directory.Replace("configs/product1/limits.json", """{ "_version": 1, "max": 1 }""");
        using var root = (ConfigurationRoot)new ConfigurationBuilder().AddVersionedDirectory(s =>
        {
            s.Path = directory.File("configs");
            s.ReloadDelay = TimeSpan.FromMilliseconds(50);
            s.LoggerFactory = logs.Factory();
        }).Build();
        var logged = logs.Next(500);

        // Before: the timer that rebuilds the folder rethrew the listener's exception and the test host died here.
        await AfterAThrowingListener(root, () => directory.Replace("configs/product1/limits.json", """{ "_version": 2, "max": 2 }"""), "product1:limits:max", "2");

        await logged.WaitAsync(ReloadWaits.Timeout);
    }
}
