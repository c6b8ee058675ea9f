using Config.Providers.Settings.Binding;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace Config.Providers.Settings.Validation;

/// <summary>
/// Runs every <see cref="IValidator{T}"/> registered in DI. Each run gets its own scope, so scoped validators
/// (and what they depend on) are resolved and disposed correctly; rules run through <c>ValidateAsync</c> and are
/// awaited: a reload whose validator waits on I/O frees the provider's thread and finishes when the rule does (only
/// the synchronous first bind blocks, in <c>SyncOverAsync</c>). When no validator of <typeparamref name="T"/> is
/// registered (<see cref="RegisteredValidators"/>), nothing of FluentValidation is touched — not even loaded.
/// </summary>
internal sealed class FluentValidationRunner<T>(IServiceScopeFactory scopes, RegisteredValidators registered)
{
    public ValueTask ValidateAsync(T instance, string sectionPath, TypeShape shape, List<(string Key, string Message)> failures) =>
        registered.For(typeof(T)) ? new(RunAsync(instance, sectionPath, shape, failures)) : ValueTask.CompletedTask;

    // Apart, and never inlined: compiling Validate must not need FluentValidation's types.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private async Task RunAsync(T instance, string sectionPath, TypeShape shape, List<(string Key, string Message)> failures)
    {
        await using var scope = scopes.CreateAsyncScope();
        var validators = scope.ServiceProvider.GetServices<IValidator<T>>().ToList();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(new ValidationContext<T>(instance)).ConfigureAwait(false);
            foreach (var error in result.Errors)
            {
                failures.Add((ValidationFailureKey.ToKey(sectionPath, shape, error.PropertyName), error.ErrorMessage));
            }
        }
    }
}
