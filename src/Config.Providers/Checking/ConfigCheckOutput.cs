using System.Text.Json;
using Config.Providers.Settings;

namespace Config.Providers.Checking;

/// <summary>Prints a <see cref="ConfigCheckReport"/> for people (text) or machines (JSON, written without reflection).</summary>
internal static class ConfigCheckOutput
{
    public static void WriteText(ConfigCheckReport report, TextWriter output)
    {
        output.WriteLine($"Checking the configuration of {report.Service ?? "(unnamed service)"}{(report.Environment is { } environment ? $" ({environment})" : string.Empty)}");
        if (report.ContentRoot is { } contentRoot)
        {
            output.WriteLine($"  root     {contentRoot}");
        }

        foreach (var source in report.Sources)
        {
            output.WriteLine($"  source   {source}");
        }

        foreach (var note in report.Notes)
        {
            output.WriteLine($"  note     {note}");
        }

        foreach (var warning in report.SourceWarnings)
        {
            output.WriteLine($"  warning  {warning}");
        }

        if (report.Failure is { } failure)
        {
            output.WriteLine($"  FAILED   the configuration could not be built: {failure}");
        }

        if (report.Settings.Count == 0 && report.Failure is null)
        {
            output.WriteLine("  (no settings registered with AddSettings<T>: nothing to check beyond the sources)");
        }

        foreach (var settings in report.Settings)
        {
            var where = settings.SectionPath.Length == 0 ? "the configuration root" : $"section {settings.SectionPath}";
            output.WriteLine(settings.Problems.Count == 0
                ? $"  ok       {settings.Label} ({where})"
                : $"  INVALID  {settings.Label} ({where}): {settings.Problems.Count} problem(s)");
            foreach (var problem in settings.Problems)
            {
                output.WriteLine($"             {problem}");
            }

            foreach (var warning in settings.Warnings)
            {
                output.WriteLine($"  warning  {settings.Label}: {warning}");
            }
        }

        output.WriteLine(report.ExitCode == ConfigCheckReport.Valid
            ? $"Configuration is valid ({report.Settings.Count} settings type(s), {report.WarningCount} warning(s))."
            : $"Configuration is INVALID: {report.ProblemCount} problem(s), {report.WarningCount} warning(s).");
    }

    public static void WriteJson(ConfigCheckReport report, Stream output)
    {
        using var json = JsonWriter(output);
        json.WriteStartObject();
        json.WriteBoolean("valid", report.ExitCode == ConfigCheckReport.Valid);
        json.WriteString("service", report.Service);
        json.WriteString("environment", report.Environment);
        json.WriteString("contentRoot", report.ContentRoot);
        json.WriteNumber("problemCount", report.ProblemCount);
        json.WriteNumber("warningCount", report.WarningCount);
        json.WriteString("failure", report.Failure);
        json.WriteStartArray("sources");
        foreach (var source in report.Sources)
        {
            json.WriteStringValue(source);
        }

        json.WriteEndArray();
        json.WriteStartArray("notes");
        foreach (var note in report.Notes)
        {
            json.WriteStringValue(note);
        }

        json.WriteEndArray();
        json.WriteStartArray("sourceWarnings");
        foreach (var warning in report.SourceWarnings)
        {
            json.WriteStringValue(warning);
        }

        json.WriteEndArray();
        json.WriteStartArray("settings");
        foreach (var settings in report.Settings)
        {
            json.WriteStartObject();
            json.WriteString("settings", settings.Label);
            json.WriteString("section", settings.SectionPath);
            json.WriteBoolean("valid", settings.Problems.Count == 0);
            WriteProblems(json, "problems", settings.Problems);
            WriteProblems(json, "warnings", settings.Warnings);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        output.WriteByte((byte)'\n');
    }

    /// <summary>The JSON writer of the one-shot commands' reports (--check-config, --show-config).</summary>
    public static Utf8JsonWriter JsonWriter(Stream output) => new(output, new JsonWriterOptions
    {
        Indented = true,

        // Read by people and tools, never embedded in HTML: keep quotes and non-ASCII text as they are.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    private static void WriteProblems(Utf8JsonWriter json, string name, IReadOnlyList<SettingsProblem> problems)
    {
        json.WriteStartArray(name);
        foreach (var problem in problems)
        {
            json.WriteStartObject();
            json.WriteString("key", problem.Key);
            json.WriteString("message", problem.Message);
            json.WriteString("source", problem.Source);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
