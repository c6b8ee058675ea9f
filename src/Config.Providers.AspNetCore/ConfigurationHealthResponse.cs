using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Config.Providers.AspNetCore;

/// <summary>
/// A health response that says what is wrong, for <c>MapHealthChecks</c>: the framework's default writes only
/// "Degraded". This writes JSON with the overall status and, for each check, its status, description and data — for
/// the configuration checks, the sources and settings that fail, why, and since when (never a value: they mask secrets
/// before they describe anything).
/// <code>
/// app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = ConfigurationHealthResponse.WriteAsync });
/// </code>
/// </summary>
public static class ConfigurationHealthResponse
{
    /// <summary>Writes <paramref name="report"/> as JSON (<c>application/json</c>).</summary>
    /// <param name="context">The request.</param>
    /// <param name="report">The health report.</param>
    /// <returns>A task.</returns>
    public static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        context.Response.ContentType = "application/json; charset=utf-8";
        using var body = new MemoryStream();
        using (var json = new Utf8JsonWriter(body, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("status", report.Status.ToString());
            json.WriteNumber("durationMs", report.TotalDuration.TotalMilliseconds);
            json.WriteStartObject("checks");
            foreach (var (name, entry) in report.Entries)
            {
                json.WriteStartObject(name);
                json.WriteString("status", entry.Status.ToString());
                json.WriteString("description", entry.Description);
                if (entry.Exception is { } exception)
                {
                    // The type only: an exception's message may quote what it failed on.
                    json.WriteString("exception", exception.GetType().Name);
                }

                if (entry.Data.Count > 0)
                {
                    json.WriteStartObject("data");
                    foreach (var (key, value) in entry.Data)
                    {
                        json.WriteString(key, value?.ToString());
                    }

                    json.WriteEndObject();
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        await context.Response.Body.WriteAsync(body.GetBuffer().AsMemory(0, (int)body.Length), context.RequestAborted).ConfigureAwait(false);
    }
}
