using System.Text.Json;
using Config.Providers.Settings.Pipeline;
using Config.Providers.Settings.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Config.Providers.Checking;

/// <summary>Runs <c>--settings-schema</c>: the schema of every <c>AddSettings</c> registration, written whole.</summary>
internal static class SettingsSchemaCommand
{
    public static int Run(SettingsSchemaRequest request, IServiceProvider services)
    {
        var sections = services.GetServices<SettingsStartupEntry>().Select(e => new SettingsSchemaWriter.Section(e.SectionPath, e.Shape)).ToList();
        var application = services.GetService<IHostEnvironment>()?.ApplicationName ?? "the service";
        var options = new JsonWriterOptions
        {
            Indented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        if (request.Path is { } path)
        {
            // Written whole, then renamed: an editor watching the file never reads half a schema.
            Core.PrivateFile.WriteAtomically(path, stream => Write(sections, application, stream, options));
            Console.Error.WriteLine($"Wrote the settings schema of {application} ({sections.Count} settings type(s)) to {path}");
        }
        else
        {
            using var output = Console.OpenStandardOutput();
            Write(sections, application, output, options);
        }

        return 0;
    }

    private static void Write(IReadOnlyList<SettingsSchemaWriter.Section> sections, string application, Stream stream, JsonWriterOptions options)
    {
        using (var json = new Utf8JsonWriter(stream, options))
        {
            new SettingsSchemaWriter().Write(sections, $"Configuration of {application}", json);
        }

        stream.WriteByte((byte)'\n');
    }
}
