using Config.Providers.Cli.Commands;
using Config.Providers.Tests.Consul;
using Config.Providers.Tests.Support;

namespace Config.Providers.Tests.Cli;

/// <summary>
/// <c>config-providers exec</c> with real child processes (<c>sh</c>), real files and a real Consul: the child sees the
/// configuration as variables, is restarted or signalled on a change, gets the signals exec receives, and its exit
/// code is exec's. The children write what they see into files; the tests wait on those files with a deadline.
/// </summary>
public sealed class ExecTests(ConsulAgentFixture fixture) : IClassFixture<ConsulAgentFixture>, IDisposable
{
    private readonly TempDirectory directory = new();
    private readonly string service = "svc" + Guid.NewGuid().ToString("N")[..8];

    public void Dispose() => directory.Dispose();

    private readonly StringWriter logText = new();
    private TextWriter? log;

    /// <summary>Where exec logs (synchronized: exec writes from its own threads; it locks itself while writing).</summary>
    private TextWriter Log => log ??= TextWriter.Synchronized(logText);

    /// <summary>What exec has logged so far.</summary>
    private string Logged
    {
        get
        {
            lock (Log)
            {
                return logText.ToString();
            }
        }
    }

    private async Task<(int Code, string Error)> Run(string[] args, CancellationToken cancellationToken = default)
    {
        using var output = new StringWriter();
        var code = await CliApplication.RunAsync(args, output, Log, cancellationToken);
        return (code, Logged);
    }

    /// <summary>Waits until <paramref name="file"/> has <paramref name="count"/> lines, and returns them; on time-out says what exec logged.</summary>
    private async Task<string[]> Lines(string file, int count)
    {
        using var deadline = new CancellationTokenSource(ReloadWaits.Timeout);
        while (true)
        {
            var lines = File.Exists(file) ? File.ReadAllLines(file) : [];
            if (lines.Length >= count)
            {
                return lines;
            }

            try
            {
                await Task.Delay(20, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{file} had {lines.Length} of {count} line(s) after {ReloadWaits.Timeout.TotalSeconds} s ({string.Join(" | ", lines)}); exec logged:\n{Logged}");
            }
        }
    }

    [ConsulFact]
    public async Task A_change_in_Consul_restarts_the_child_with_the_new_value_and_exec_exits_with_the_childs_code()
    {
        await fixture.Agent.SeedAsync([($"config/{service}/Level", "info"), ($"config/{service}/Db/Port", "5432")]);
        var starts = directory.File("starts");
        var stop = directory.File("stop");
        var script = $"echo \"$Level $Db__Port\" >> '{starts}'; while [ ! -f '{stop}' ]; do sleep 0.05; done; exit 7";
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        var exec = Run(["exec", "--consul", fixture.Agent.Address.ToString(), "--service", service, "--min-interval", "0s", "--", "sh", "-c", script], cancel.Token);

        Assert.Equal(["info 5432"], await Lines(starts, 1));
        await fixture.Agent.SeedAsync([($"config/{service}/Level", "debug")]);
        Assert.Equal(["info 5432", "debug 5432"], await Lines(starts, 2));

        File.WriteAllText(stop, string.Empty);
        var (code, error) = await exec.WaitAsync(ReloadWaits.Timeout);
        Assert.Equal(7, code);
        Assert.Contains("exec: 1 variable(s) changed (Level); restarting pid", error);
        Assert.Contains("exited with code 7", error);
        Assert.DoesNotContain("debug", error);   // names, never values
    }

    [ConsulFact]
    public async Task With_a_reload_signal_the_child_is_signalled_instead_of_restarted()
    {
        await fixture.Agent.SeedAsync([($"config/{service}/Level", "info")]);
        var events = directory.File("events");
        var stop = directory.File("stop");
        var script = $"trap 'echo hup >> \"{events}\"' HUP; echo \"start $Level\" >> '{events}'; while [ ! -f '{stop}' ]; do sleep 0.05; done; exit 0";
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        var exec = Run(["exec", "--consul", fixture.Agent.Address.ToString(), "--service", service, "--min-interval", "0s", "--reload-signal", "SIGHUP", "--", "sh", "-c", script], cancel.Token);

        Assert.Equal(["start info"], await Lines(events, 1));
        await fixture.Agent.SeedAsync([($"config/{service}/Level", "debug")]);
        Assert.Equal(["start info", "hup"], await Lines(events, 2));
        File.WriteAllText(stop, string.Empty);
        Assert.Equal(0, (await exec.WaitAsync(ReloadWaits.Timeout)).Code);
        Assert.Equal(["start info", "hup"], File.ReadAllLines(events));
    }

    [Fact]
    public async Task Once_renders_a_section_upper_cased_runs_the_command_and_passes_its_exit_code()
    {
        var yaml = directory.Write("pg.yaml", "Postgres: {PgHost: db.internal, PgPort: 5432, 'application-name': orders}\nOther: x\n");
        var check = "test \"$PGHOST\" = db.internal && test \"$PGPORT\" = 5432 && test \"$APPLICATION_NAME\" = orders && test -z \"$OTHER\" && exit 0 || exit 9";

        var (code, error) = await Run(["exec", "--yaml", yaml, "--once", "--section", "Postgres", "--upcase", "--sanitize", "--", "sh", "-c", check]);
        Assert.True(code == 0, error);

        (code, _) = await Run(["exec", "--yaml", yaml, "--once", "--", "sh", "-c", "exit 3"]);
        Assert.Equal(3, code);

        (code, error) = await Run(["exec", "--yaml", yaml, "--once", "--", "/nonexistent/program"]);
        Assert.Equal(127, code);
        Assert.Contains("exec: cannot start /nonexistent/program", error);
    }

    [Fact]
    public async Task Variables_that_choose_the_childs_code_are_left_out_unless_allowed()
    {
        // A key anyone with write access to the configuration could add: the child must not load its library.
        var yaml = directory.Write("evil.yaml", "LD_PRELOAD: /tmp/evil.so\nPATH: /tmp/evil-bin\nDOTNET_STARTUP_HOOKS: /tmp/evil.dll\nLevel: info\n");
        var check = "test -z \"$LD_PRELOAD\" && test \"$PATH\" != /tmp/evil-bin && test -z \"$DOTNET_STARTUP_HOOKS\" && test \"$Level\" = info && exit 0 || exit 9";

        var (code, error) = await Run(["exec", "--yaml", yaml, "--once", "--", "sh", "-c", check]);

        Assert.True(code == 0, error);
        Assert.Contains("exec: DOTNET_STARTUP_HOOKS, LD_PRELOAD, PATH would change which code the command loads and are left out", error);

        var allowed = "test \"$DOTNET_STARTUP_HOOKS\" = /tmp/evil.dll && exit 0 || exit 9";
        (code, error) = await Run(["exec", "--yaml", yaml, "--once", "--allow-loader-variables", "--", "/bin/sh", "-c", allowed]);
        Assert.True(code == 0, error);
    }

    [Fact]
    public async Task A_SIGTERM_sent_to_exec_goes_to_the_child_which_ends_it_with_its_own_code()
    {
        var env = directory.Write("a.env", "A=1\n");
        var events = directory.File("events");
        // The tool's own build (Debug or Release, as these tests were built): its deps.json matches its folder.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var tool = Path.Combine(RepositoryRoot.Path, "src/Config.Providers.Cli/bin", configuration, "net10.0/config-providers.dll");
        var script = $"trap 'echo term >> \"{events}\"; exit 5' TERM; echo started >> '{events}'; while true; do sleep 0.05; done";
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { tool, "exec", "--env-file", env, "--", "sh", "-c", script })
        {
            start.ArgumentList.Add(argument);
        }

        using var exec = System.Diagnostics.Process.Start(start)!;
        var errors = exec.StandardError.ReadToEndAsync();
        try
        {
            Assert.Equal(["started"], await Lines(events, 1));
            var kill = await ProcessRun.RunAsync("kill", ["-TERM", exec.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], directory.Path, TimeSpan.FromSeconds(10));
            Assert.Equal(0, kill.ExitCode);

            await exec.WaitForExitAsync().WaitAsync(ReloadWaits.Timeout);
            Assert.Equal(5, exec.ExitCode);   // the child's code: exec did not die of the signal (143)
            Assert.Equal(["started", "term"], File.ReadAllLines(events));
            Assert.Contains("exited with code 5", await errors);
        }
        finally
        {
            if (!exec.HasExited)
            {
                exec.Kill(entireProcessTree: true);
            }
        }
    }
}
