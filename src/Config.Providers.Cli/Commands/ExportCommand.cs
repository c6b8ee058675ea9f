using System.CommandLine;
using Config.Providers.Cli.Output;

namespace Config.Providers.Cli.Commands;

/// <summary>
/// <c>export</c>: writes the merged configuration to a file that the matching provider reads back — atomically
/// (temporary file, then rename) and readable by its owner only (0600), since it holds real values, secrets included.
/// </summary>
internal static class ExportCommand
{
    public static Command Create(string[] args, TextWriter error)
    {
        var command = new Command("export", "Write the merged configuration to a file (yaml, env or json), atomically, mode 0600.");
        CliApplication.AddSourceOptions(command);
        var format = new Option<string>("--format") { Description = "yaml, env or json", Required = true };
        var file = new Option<string>("-o", "--output") { Description = "The file to write.", Required = true };
        command.Options.Add(format);
        command.Options.Add(file);
        command.SetAction(parsed =>
        {
            var chosen = parsed.GetValue(format)!;
            if (!CliApplication.CheckFormat(chosen, error, "yaml", "env", "json"))
            {
                return CliApplication.BadInput;
            }

            using var configuration = CliApplication.TryBuild(args, parsed, error, watch: false);
            if (configuration is null)
            {
                return CliApplication.BadInput;
            }

            var target = Path.GetFullPath(parsed.GetValue(file)!);
            var temporary = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                using (var writer = new StreamWriter(new FileStream(temporary, options)))
                {
                    Formatters.Write(chosen, FlatConfiguration.Read(configuration, revealSecrets: true), explain: false, writer);
                }

                File.Move(temporary, target, overwrite: true);
                return CliApplication.Ok;
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
            {
                error.WriteLine(e.Message);
                return CliApplication.BadInput;
            }
            finally
            {
                File.Delete(temporary);
            }
        });
        return command;
    }
}
