using System.Diagnostics.CodeAnalysis;
using Config.Providers.Core;
using Config.Providers.Settings.Binding;
using Config.Providers.Settings.Provenance;
using Config.Providers.Settings.Redaction;
using Config.Providers.Settings.Validation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Config.Providers.Settings.Pipeline;

/// <summary>
/// Builds a candidate settings object: coercing bind, then the options framework's Configure/PostConfigure
/// steps, then every validator (DataAnnotations over the whole tree, FluentValidation from DI, and any
/// <see cref="IValidateOptions{TOptions}"/>). Collects every problem; never throws for bad configuration.
/// </summary>
internal sealed class SettingsBuilder<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] T>
    where T : class
{
    private readonly SettingsDefinition<T> definition;
    private readonly TypeShape shape;
    private readonly IServiceProvider services;
    private readonly FluentValidationRunner<T> fluentValidation;
    private readonly IConfigureOptions<T>[] setups;
    private readonly IPostConfigureOptions<T>[] postConfigures;
    private readonly IValidateOptions<T>[] validations;

    public SettingsBuilder(SettingsDefinition<T> definition, SettingsServices shared)
    {
        this.definition = definition;
        services = shared.Provider;
        shape = definition.Shape;
        fluentValidation = new FluentValidationRunner<T>(shared.Scopes, shared.Validators);
        setups = services.GetServices<IConfigureOptions<T>>().ToArray();
        postConfigures = services.GetServices<IPostConfigureOptions<T>>().ToArray();

        // The walker already applies DataAnnotations with keys; the framework's adapter would repeat them without.
        validations = services.GetServices<IValidateOptions<T>>().Where(v => v is not DataAnnotationValidateOptions<T>).ToArray();
    }

    public TypeShape Shape => shape;

    /// <summary>
    /// Builds from <paramref name="configuration"/>, blocking on async validators: for the synchronous contracts (the first
    /// value, <c>--check-config</c>). <paramref name="origins"/> answers where values came from.
    /// </summary>
    public SettingsBuild<T> Build(IConfiguration configuration, IConfiguration origins) => SyncOverAsync.Run(() => BuildAsync(configuration, origins));

    /// <summary>
    /// Builds from <paramref name="configuration"/>; completes at once unless a FluentValidation rule waits (then when it is
    /// done). <paramref name="origins"/> answers where values came from.
    /// </summary>
    public async ValueTask<SettingsBuild<T>> BuildAsync(IConfiguration configuration, IConfiguration origins)
    {
        var sectionPath = definition.SectionPath;
        var context = new BindingContext(origins, definition.Options.UnknownKeys);
        var instance = (T)SettingsBinder.Bind(shape, configuration, sectionPath, context);
        var problems = new List<SettingsProblem>(context.Problems);

        try
        {
            new ConfiguringFactory<T>(setups, postConfigures, instance).Create(definition.Name);
        }
        catch (Exception e)
        {
            problems.Add(new SettingsProblem(sectionPath, $"a Configure or PostConfigure step threw {e.GetType().Name}: {e.Message}", null));
        }

        var failures = new List<(string Key, string Message)>();
        DataAnnotationsWalker.Validate(shape, instance, sectionPath, services, failures);
        await fluentValidation.ValidateAsync(instance, sectionPath, shape, failures).ConfigureAwait(false);
        foreach (var validation in validations)
        {
            var result = validation.Validate(definition.Name, instance);
            if (result.Failed)
            {
                failures.AddRange(result.Failures.Select(f => (sectionPath, f)));
            }
        }

        // A value that could not be converted already has its problem; the validator complaining about the
        // default left in its place would only be noise.
        foreach (var (key, message) in failures)
        {
            if (!context.Problems.Any(p => p.Key.Equals(key, StringComparison.OrdinalIgnoreCase)))
            {
                problems.Add(new SettingsProblem(key, message, ConfigurationOrigins.Describe(origins, key)));
            }
        }

        var secrets = context.Raw.SecretValues.ToArray();
        return new SettingsBuild<T>(instance, context.Raw, Scrub(problems, secrets), Scrub(context.Warnings, secrets));
    }

    private static SettingsProblem[] Scrub(IEnumerable<SettingsProblem> problems, string[] secrets) =>
        problems.Select(p => p with { Message = Redactor.Scrub(p.Message, secrets) }).ToArray();
}
