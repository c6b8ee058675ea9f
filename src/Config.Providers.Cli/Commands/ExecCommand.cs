using System.CommandLine;
using Config.Providers.Cli.Exec;
using Config.Providers.Settings.Coercion;

namespace Config.Providers.Cli.Commands;

/// <summary>
/// <c>exec</c>: runs a command with the merged configuration as its environment and keeps it current — the envconsul
/// route for programs that know nothing of Consul or .NET (docs/cli.md#exec).
/// </summary>
internal static class ExecCommand
{
    public static Command Create(TextWriter error)
    {
        var command = new Command("exec", "Run COMMAND with the configuration as environment variables; restart it (or signal it) when the configuration changes; exit with its code.");
        CliApplication.AddSourceOptions(command);
        var child = new Argument<string[]>("command") { Description = "The command and its arguments, after --.", Arity = ArgumentArity.OneOrMore };
        var once = new Option<bool>("--once") { Description = "Render and run once, without watching for changes." };
        var section = new Option<string>("--section") { Description = "Only the keys under this section, named relative to it (Orders:Db:Port → Db__Port)." };
        var upcase = new Option<bool>("--upcase") { Description = "Upper-case the variable names." };
        var sanitize = new Option<bool>("--sanitize") { Description = "Replace characters a shell cannot name (., -, …) with _." };
        var pristine = new Option<bool>("--pristine") { Description = "Give the command only the configuration variables, not this environment." };
        var allowLoader = new Option<bool>("--allow-loader-variables") { Description = "Pass PATH, LD_*, DYLD_*, DOTNET_STARTUP_HOOKS … from the configuration too (left out by default)." };
        var reloadSignal = new Option<string>("--reload-signal") { Description = "On a change, send this signal (SIGHUP, SIGUSR1 …) instead of restarting." };
        var splay = new Option<string>("--splay") { Description = "Wait a random time up to this long before acting on a change (default 0s).", DefaultValueFactory = _ => "0s" };
        var minimum = new Option<string>("--min-interval") { Description = "The least time between two restarts (default 1s).", DefaultValueFactory = _ => "1s" };
        var killTimeout = new Option<string>("--kill-timeout") { Description = "How long the command has to stop after SIGTERM before it is killed (default 10s).", DefaultValueFactory = _ => "10s" };
        command.Arguments.Add(child);
        foreach (var option in new Option[] { once, section, upcase, sanitize, pristine, allowLoader, reloadSignal, splay, minimum, killTimeout })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parsed, cancellationToken) =>
        {
            int? signal = null;
            if (parsed.GetValue(reloadSignal) is { } name && (signal = Signals.Parse(name)) is null)
            {
                error.WriteLine($"--reload-signal: '{name}' is not a signal (SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2 or a number)");
                return CliApplication.BadInput;
            }

            if (!TryDuration(parsed.GetValue(splay)!, "--splay", error, out var splayTime)
                || !TryDuration(parsed.GetValue(minimum)!, "--min-interval", error, out var minimumTime)
                || !TryDuration(parsed.GetValue(killTimeout)!, "--kill-timeout", error, out var killTime))
            {
                return CliApplication.BadInput;
            }

            var watch = !parsed.GetValue(once);
            using var configuration = CliApplication.TryBuild(parsed, error, watch);
            if (configuration is null)
            {
                return CliApplication.BadInput;
            }

            var supervisor = new Supervisor(
                configuration,
                new ExecEnvironment(parsed.GetValue(section), parsed.GetValue(upcase), parsed.GetValue(sanitize), parsed.GetValue(allowLoader)),
                parsed.GetValue(child)!,
                new ExecOptions(parsed.GetValue(pristine), signal, splayTime, minimumTime, killTime),
                error,
                TimeProvider.System);
            return await supervisor.RunAsync(watch, cancellationToken);
        });
        return command;
    }

    private static bool TryDuration(string text, string option, TextWriter error, out TimeSpan value)
    {
        if (DurationParser.TryParse(text, out value, out var reason) && value >= TimeSpan.Zero)
        {
            return true;
        }

        error.WriteLine($"{option}: '{text}' is not a duration: {reason ?? "negative"}");
        return false;
    }
}
