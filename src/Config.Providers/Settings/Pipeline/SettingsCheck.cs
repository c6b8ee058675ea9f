using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Config.Providers.Settings.Pipeline;

/// <summary>
/// What a configuration check found for one settings type and options name: the problems that would stop the start
/// and the warnings (unknown keys) — the same candidate build the start and every reload run, secrets scrubbed.
/// </summary>
/// <param name="Label">The type and options name, as messages name them (<c>Endpoint[billing]</c>).</param>
/// <param name="SectionPath">The configuration section bound.</param>
/// <param name="Problems">What is wrong; empty when valid.</param>
/// <param name="Warnings">Unknown keys under the section (always reported here, whatever the policy says).</param>
internal sealed record SettingsCheck(string Label, string SectionPath, IReadOnlyList<SettingsProblem> Problems, IReadOnlyList<SettingsProblem> Warnings)
{
    /// <summary>The configuration keys this type reads as secret (<c>[Secret]</c> members and classes, secret-looking names).</summary>
    public IReadOnlyList<string> SecretKeys { get; init; } = [];

    /// <summary>Builds a candidate of <paramref name="definition"/> from the host's configuration, without keeping it.</summary>
    public static SettingsCheck Run<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] T>(SettingsDefinition<T> definition, IServiceProvider services)
        where T : class
    {
        // A check reports unknown keys even where the service ignores them: a typo is worth a line before deploying.
        var options = new SettingsOptions
        {
            UnknownKeys = definition.Options.UnknownKeys == UnknownKeyPolicy.Ignore ? UnknownKeyPolicy.Warn : definition.Options.UnknownKeys,
            PendingRestart = definition.Options.PendingRestart,
        };
        var label = SettingsLabel.Of(typeof(T), definition.Name);
        try
        {
            var shared = services.GetRequiredService<SettingsServices>();
            var build = new SettingsBuilder<T>(definition with { Options = options }, shared).Build(shared.Configuration, shared.Configuration);
            return new SettingsCheck(label, definition.SectionPath, build.Problems, build.Warnings)
            {
                SecretKeys = [.. build.Raw.Values.Where(v => v.Value.Secret).Select(v => v.Key)],
            };
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A validator resolved from DI (or its dependencies) failing is a problem of this type, not the end of the check.
            return new SettingsCheck(label, definition.SectionPath, [new SettingsProblem(definition.SectionPath, $"checking threw {e.GetType().Name}: {e.Message}", null)], []);
        }
    }
}
