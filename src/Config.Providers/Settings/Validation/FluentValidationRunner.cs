using Config.Providers.Core;
using Config.Providers.Settings.Binding;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace Config.Providers.Settings.Validation;

/// <summary>
/// Runs every <see cref="IValidator{T}"/> registered in DI. Each run gets its own scope, so scoped validators
/// (and what they depend on) are resolved and disposed correctly; rules run through <c>ValidateAsync</c>, so async
/// rules work, blocking only in <see cref="SyncOverAsync"/>.
/// </summary>
internal sealed class FluentValidationRunner<T>(IServiceScopeFactory scopes)
{
    public void Validate(T instance, string sectionPath, TypeShape shape, List<(string Key, string Message)> failures)
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
