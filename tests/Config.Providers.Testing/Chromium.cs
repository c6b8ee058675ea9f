using System.Diagnostics;

namespace Config.Providers.Testing;

/// <summary>
/// Debian's Chromium for the browser tests: /usr/bin/chromium, or installed by .ci/install-chromium.sh (apt-get, as
/// root). With BROWSER_REQUIRED=1 (CI) a Chromium that cannot be had fails the tests; otherwise they are skipped with
/// the reason (BrowserFactAttribute in the tests).
/// </summary>
public static class Chromium
{
    private static readonly Lazy<(string? Path, string Reason)> Found = new(FindOrInstall);

    /// <summary>The browser's path.</summary>
    public static string Path => Found.Value.Path ?? throw new InvalidOperationException(UnavailableReason);

    /// <summary>Why Chromium is unavailable, or null.</summary>
    public static string? UnavailableReason => Found.Value.Path is null ? Found.Value.Reason : null;

    /// <summary>
    /// Flags for a headless start on a machine without a network beyond loopback: no background connections, no
    /// sandbox (CI runs as root), a profile of its own.
    /// </summary>
    public static string[] Arguments(string profile) =>
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", $"--user-data-dir={profile}",
    ];

    private static (string?, string) FindOrInstall()
    {
        var root = AppContext.BaseDirectory;
        while (root is not null && !File.Exists(System.IO.Path.Combine(root, ".ci", "install-chromium.sh")))
        {
            root = System.IO.Path.GetDirectoryName(root);
        }

        if (root is null)
        {
            return (null, ".ci/install-chromium.sh not found above the test binaries");
        }

        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(System.IO.Path.Combine(root, ".ci", "install-chromium.sh"));
        using var install = Process.Start(start)!;
        var errors = install.StandardError.ReadToEndAsync();   // apt-get writes a lot: read both streams at once
        var output = install.StandardOutput.ReadToEnd();
        if (!install.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            install.Kill(entireProcessTree: true);
            return (null, ".ci/install-chromium.sh did not finish within 10 minutes");
        }

        var path = output.Trim().Split('\n').LastOrDefault()?.Trim();
        return install.ExitCode == 0 && File.Exists(path)
            ? (path, string.Empty)
            : (null, $"chromium is not installed and .ci/install-chromium.sh could not install it: {errors.Result.Trim().Split('\n').LastOrDefault()}");
    }
}
