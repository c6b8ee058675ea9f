using System.CommandLine;
using Config.Providers.Cli.Output;
using Config.Providers.Core;

namespace Config.Providers.Cli.Commands;

/// <summary>
/// <c>export</c>: writes the merged configuration to a file that the matching provider reads back — atomically
/// (temporary file, then rename) and readable by its owner only (0600), since it holds real values, secrets included.
/// </summary>
internal static class ExportCommand
{
    public static Command Create(TextWriter error)
    {
        var command = new Command("export", "Write the merged configuration to a file (yaml, env or json), atomically, mode 0600.");
        CliApplication.AddSourceOptions(command);
        var format = new Option<string>("--format") { Description = "yaml, env or json", Required = true };
        var file = new Option<string>("-o", "--output") { Description = "The file to write.", Required = true };
        var dialect = new Option<string>("--dialect") { Description = "With --format env: compose (default; AddEnvFile, docker compose) or systemd (EnvironmentFile=)", DefaultValueFactory = _ => "compose" };
        command.Options.Add(format);
        command.Options.Add(file);
        command.Options.Add(dialect);
        command.SetAction(parsed =>
        {
            var chosen = parsed.GetValue(format)!;
            if (!CliApplication.CheckFormat(chosen, error, "yaml", "env", "json"))
            {
                return CliApplication.BadInput;
            }

            var chosenDialect = parsed.GetValue(dialect)!;
            if (!EnvFileWriter.Dialects.Contains(chosenDialect) || (chosenDialect != "compose" && chosen != "env"))
            {
                error.WriteLine($"--dialect must be one of {string.Join(", ", EnvFileWriter.Dialects)}, and only with --format env");
                return CliApplication.BadInput;
            }

            using var configuration = CliApplication.TryBuild(parsed, error, watch: false);
            if (configuration is null)
            {
                return CliApplication.BadInput;
            }

            try
            {
                var entries = FlatConfiguration.Read(configuration, revealSecrets: true);
                Config.Providers.Core.PrivateFile.WriteAtomically(parsed.GetValue(file)!, stream =>
                {
                    using var writer = new StreamWriter(stream);
                    if (chosen == "env")
                    {
                        EnvFileWriter.Write(entries, chosenDialect, writer);
                    }
                    else
                    {
                        Formatters.Write(chosen, entries, explain: false, writer);
                    }
                });
                return CliApplication.Ok;
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
            {
                error.WriteLine(e.Message);
                return CliApplication.BadInput;
            }
        });
        return command;
    }
}
