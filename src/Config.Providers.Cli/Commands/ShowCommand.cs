using System.CommandLine;
using Config.Providers.Cli.Output;

namespace Config.Providers.Cli.Commands;

/// <summary><c>show</c>: the merged, flattened configuration, optionally with each key's source.</summary>
internal static class ShowCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var command = new Command("show", "Print the merged, flattened configuration of the given sources.");
        CliApplication.AddSourceOptions(command);
        var format = new Option<string>("--format") { Description = "table (default), json, yaml or env", DefaultValueFactory = _ => "table" };
        var explain = new Option<bool>("--explain") { Description = "Add the source of each key (file:line, Consul key)." };
        var reveal = new Option<bool>("--reveal-secrets") { Description = "Show values of secret-looking keys instead of [redacted]." };
        command.Options.Add(format);
        command.Options.Add(explain);
        command.Options.Add(reveal);
        command.SetAction(parsed =>
        {
            var chosen = parsed.GetValue(format)!;
            if (!CliApplication.CheckFormat(chosen, error, Formatters.Names) || !CliApplication.TryLoadSchema(parsed, error, out var secrets))
            {
                return CliApplication.BadInput;
            }

            using var configuration = CliApplication.TryBuild(parsed, error, watch: false);
            if (configuration is null)
            {
                return CliApplication.BadInput;
            }

            try
            {
                Formatters.Write(chosen, FlatConfiguration.Read(configuration, parsed.GetValue(reveal), secrets), parsed.GetValue(explain), output);
            }
            catch (InvalidOperationException e)
            {
                error.WriteLine(e.Message);
                return CliApplication.BadInput;
            }

            return CliApplication.Ok;
        });
        return command;
    }
}
