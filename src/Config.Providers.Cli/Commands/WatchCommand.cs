using System.CommandLine;
using System.Text.Json;
using Config.Providers.Cli.Output;
using Microsoft.Extensions.Primitives;

namespace Config.Providers.Cli.Commands;

/// <summary><c>watch</c>: one JSON line per changed key (<c>key</c>, <c>old</c>, <c>new</c>, <c>source</c>), secrets redacted, until stopped.</summary>
internal static class WatchCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var command = new Command("watch", "Print one JSON line per changed key until stopped (Ctrl+C).");
        CliApplication.AddSourceOptions(command);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            if (!CliApplication.TryLoadSchema(parsed, error, out var secrets))
            {
                return CliApplication.BadInput;
            }

            using var configuration = CliApplication.TryBuild(parsed, error, watch: true);
            if (configuration is null)
            {
                return CliApplication.BadInput;
            }

            var gate = new object();
            // Compared on real values (a changed secret is still a change), printed redacted.
            var current = FlatConfiguration.Read(configuration, revealSecrets: true).ToDictionary(e => e.Key, StringComparer.OrdinalIgnoreCase);
            using var subscription = ChangeToken.OnChange(configuration.GetReloadToken, () =>
            {
                lock (gate)
                {
                    var next = FlatConfiguration.Read(configuration, revealSecrets: true).ToDictionary(e => e.Key, StringComparer.OrdinalIgnoreCase);
                    foreach (var key in current.Keys.Union(next.Keys, StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase))
                    {
                        current.TryGetValue(key, out var before);
                        next.TryGetValue(key, out var after);
                        if (before?.Value != after?.Value || (before is null) != (after is null))
                        {
                            var line = new ChangeLine(key, FlatConfiguration.Redact(key, before?.Value, secrets), FlatConfiguration.Redact(key, after?.Value, secrets), after?.Source ?? before?.Source);
                            output.WriteLine(JsonSerializer.Serialize(line, WatchJson.Default.ChangeLine));
                            output.Flush();
                        }
                    }

                    current = next;
                }
            });

            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
            }

            return CliApplication.Ok;
        });
        return command;
    }
}
