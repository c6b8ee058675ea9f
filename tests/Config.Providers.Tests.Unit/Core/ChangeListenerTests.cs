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
        var (name, first, second, third, key) = kind switch
        {
            "yaml" => ("app.yaml", "Level: info\n", "Level: debug\n", "Level: trace\n", "Level"),
            "dotcloud" => ("environment.json", """{ "DOTCLOUD_PROJECT": "a" }""", """{ "DOTCLOUD_PROJECT": "b" }""", """{ "DOTCLOUD_PROJECT": "c" }""", "DOTCLOUD_PROJECT"),
            _ => ("services.yml", Members("10.0.0.1"), Members("10.0.0.2"), Members("10.0.0.3"), "Services:product1:web:0"),
        };
        var path = directory.Write(name, first);
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

        await AfterAThrowingListener(root, () => directory.Replace(name, second), key, Expected(second));
        Assert.Contains(path, await logged.WaitAsync(ReloadWaits.Timeout));

        // The provider still watches and reloads after its listener threw.
        var later = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var next = ChangeToken.OnChange(root.GetReloadToken, () => { if (root[key] == Expected(third)) { later.TrySetResult(); } });
        directory.Replace(name, third);
        await later.Task.WaitAsync(ReloadWaits.Timeout);

        string Expected(string text) => kind switch
        {
            "yaml" => text["Level: ".Length..].Trim(),
            "dotcloud" => text.Split('"')[3],
            _ => text.Split("addr: ")[1].Split('\n')[0] + ":80",
        };
    }

    private static string Members(string address) => $"product1:\n  web:\n    - name: n1\n      addr: {address}\n      port: 80\n";

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
