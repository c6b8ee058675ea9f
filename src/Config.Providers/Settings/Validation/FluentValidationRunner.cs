using Config.Providers.Core;
using Config.Providers.Settings.Binding;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace Config.Providers.Settings.Validation;

/// <summary>
/// Runs every <see cref="IValidator{T}"/> registered in DI. Each run gets its own scope, so scoped validators
/// (and what they depend on) are resolved and disposed correctly; rules run through <c>ValidateAsync</c>, so async
/// rules work, blocking only in <see cref="SyncOverAsync"/>. When no validator of <typeparamref name="T"/> is registered
/// (<see cref="RegisteredValidators"/>), nothing of FluentValidation is touched — not even loaded.
/// </summary>
internal sealed class FluentValidationRunner<T>(IServiceScopeFactory scopes, RegisteredValidators registered)
{
    public void Validate(T instance, string sectionPath, TypeShape shape, List<(string Key, string Message)> failures)
    {
        if (registered.For(typeof(T)))
        {
            Run(instance, sectionPath, shape, failures);
        }
    }

    // Apart, and never inlined: compiling Validate must not need FluentValidation's types.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void Run(T instance, string sectionPath, TypeShape shape, List<(string Key, string Message)> failures)
    {
        using var scope = scopes.CreateScope();
        var validators = scope.ServiceProvider.GetServices<IValidator<T>>().ToList();
        foreach (var validator in validators)
        {
            var result = SyncOverAsync.Run(ct => validator.ValidateAsync(new ValidationContext<T>(instance), ct));
            foreach (var error in result.Errors)
            {
                failures.Add((ValidationFailureKey.ToKey(sectionPath, shape, error.PropertyName), error.ErrorMessage));
            }
        }
    }
}
