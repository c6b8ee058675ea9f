using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace Config.Providers.Tests.Support;

/// <summary>A fresh directory for a test's files, removed afterwards.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "config-providers-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Write(string name, string content)
    {
        var path = File(name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Writes to a temporary name and renames over the target, as generators do.</summary>
    public void Replace(string name, string content)
    {
        var temp = File(name + ".tmp-" + Guid.NewGuid().ToString("N"));
        System.IO.File.WriteAllText(temp, content);
        System.IO.File.Move(temp, File(name), overwrite: true);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

public static class ReloadWaits
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    /// <summary>Completes when the configuration signals its next reload.</summary>
    public static Task NextReload(this IConfiguration configuration)
    {
        var reloaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        configuration.GetReloadToken().RegisterChangeCallback(_ => reloaded.TrySetResult(), null);
        return reloaded.Task;
    }

    public static Task Within(this Task task) => task.WaitAsync(Timeout);

    /// <summary>Waits on reload signals (with a deadline) until <paramref name="key"/> holds <paramref name="expected"/>.</summary>
    public static async Task WaitForValue(this IConfiguration configuration, string key, string? expected, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? Timeout);
        while (true)
        {
            var next = configuration.NextReload();
            if (configuration[key] == expected)
            {
                return;
            }

            try
            {
                await next.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"'{key}' did not become '{expected}' within {(timeout ?? Timeout).TotalSeconds} s; it is '{configuration[key]}'");
            }
        }
    }

    public static Task<T> Within<T>(this Task<T> task) => task.WaitAsync(Timeout);
}
