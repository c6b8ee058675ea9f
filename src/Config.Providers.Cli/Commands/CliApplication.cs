using System.CommandLine;
using Config.Providers.Cli.Output;
using Config.Providers.Cli.Sources;
using Config.Providers.Consul;
using Config.Providers.Core;

namespace Config.Providers.Cli.Commands;

/// <summary>The <c>config-providers</c> command line: <c>show</c>, <c>export</c>, <c>watch</c>, <c>push</c>, <c>exec</c> (docs/cli.md).</summary>
internal static class CliApplication
{
    public const int Ok = 0;
    public const int BadInput = 2;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("Shows, exports and watches the configuration Config.Providers sources produce; secrets are redacted.");
        root.Subcommands.Add(ShowCommand.Create(output, error));
        root.Subcommands.Add(ExportCommand.Create(error));
        root.Subcommands.Add(WatchCommand.Create(output, error));
        root.Subcommands.Add(PushCommand.Create(output, error));
        root.Subcommands.Add(ExecCommand.Create(error));
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var problem in parsed.Errors)
            {
                await error.WriteLineAsync(problem.Message);
            }

            return BadInput;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
    }

    /// <summary>The options every command shares: the sources (repeatable, later wins).</summary>
    public static void AddSourceOptions(Command command)
    {
        command.Options.Add(new Option<string[]>("--env-file") { Description = "An env file (compose dialect). Repeatable; later sources win." });
        command.Options.Add(new Option<string[]>("--yaml") { Description = "A YAML file. Repeatable." });
        command.Options.Add(new Option<string[]>("--dotcloud") { Description = "A dotCloud environment.json. Repeatable." });
        command.Options.Add(new Option<string[]>("--consul") { Description = "A Consul agent address (host:port or URL). Repeatable." });
        command.Options.Add(new Option<string>("--consul-prefix") { Description = "The Consul root folder (default: config); the layout is {prefix}/application/." });
        command.Options.Add(new Option<string>("--consul-token-file") { Description = "A file holding the Consul ACL token (never pass the token itself)." });
        command.Options.Add(new Option<bool>("--discover") { Description = "The chain AddServiceDiscovery() builds (config.yaml, environment.json, .env, Consul), from the current directory and environment." });
        command.Options.Add(new Option<string>("--service") { Description = "The service whose Consul folders --consul and --discover read (--discover's default: the directory's name)." });
        command.Options.Add(new Option<string>("--environment") { Description = "The environment of the Consul folders {service},{environment}/ and application,{environment}/ (--discover's default: DOTNET_ENVIRONMENT, ASPNETCORE_ENVIRONMENT, else Production)." });
        command.Options.Add(new Option<string>("--directory") { Description = "Where --discover looks for config.yaml, environment.json and .env (default: the current directory)." });
        command.Options.Add(SchemaOption());
    }

    /// <summary>The <c>--schema</c> option: the service's JSON Schema, whose <c>x-secret</c> keys the output masks.</summary>
    public static Option<string> SchemaOption() =>
        new("--schema") { Description = "The service's JSON Schema (written by its --settings-schema): the keys it marks x-secret ([Secret]) are masked too." };

    /// <summary>Reads <c>--schema</c> when given; false (after saying why on <paramref name="error"/>) when it cannot be read.</summary>
    public static bool TryLoadSchema(ParseResult parsed, TextWriter error, out Output.SecretSchema? schema)
    {
        schema = null;
        if (parsed.GetValue<string>("--schema") is not { Length: > 0 } file)
        {
            return true;
        }

        try
        {
            schema = Output.SecretSchema.Load(file);
            return true;
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine(e is FormatException ? e.Message : $"{file}: {e.Message}");
            return false;
        }
    }

    /// <summary>Builds the configuration, turning bad input into a located message on stderr and exit code 2.</summary>
    public static Microsoft.Extensions.Configuration.ConfigurationRoot? TryBuild(ParseResult parsed, TextWriter error, bool watch)
    {
        var sources = SourceList.FromTokens(parsed.Tokens);
        if (sources.Count == 0)
        {
            error.WriteLine("no sources: give --discover, --env-file, --yaml, --dotcloud or --consul");
            return null;
        }

        try
        {
            var notes = new List<string>();
            var root = (Microsoft.Extensions.Configuration.ConfigurationRoot)SourceList.Build(sources, parsed.GetValue<string>("--consul-prefix"), parsed.GetValue<string>("--consul-token-file"), watch, parsed.GetValue<string>("--service"), parsed.GetValue<string>("--directory"), parsed.GetValue<string>("--environment"), notes);
            notes.ForEach(error.WriteLine);
            return root;
        }
        catch (ConfigurationFormatException e)
        {
            error.WriteLine(e.Message);
        }
        catch (FileNotFoundException e)
        {
            error.WriteLine($"{e.FileName}: file not found");
        }
        catch (Exception e) when (e is ConsulException or ConsulValueException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            error.WriteLine(e.Message);
        }

        return null;
    }

    public static bool CheckFormat(string format, TextWriter error, params string[] allowed)
    {
        if (allowed.Contains(format))
        {
            return true;
        }

        error.WriteLine($"--format must be one of: {string.Join(", ", allowed)}");
        return false;
    }
}
