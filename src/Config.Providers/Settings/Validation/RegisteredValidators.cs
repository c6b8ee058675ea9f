using Microsoft.Extensions.DependencyInjection;

namespace Config.Providers.Settings.Validation;

/// <summary>
/// Which settings types have FluentValidation validators registered, read from the service collection itself (kept by
/// reference when <c>AddSettings</c> runs; it holds every later registration too and is read only once the container
/// is built). Asking by name keeps FluentValidation's assembly unloaded in a service that registers no validator: it
/// was loaded, and its code compiled, at every start.
/// </summary>
internal sealed class RegisteredValidators(IServiceCollection services)
{
    private const string ValidatorInterface = "FluentValidation.IValidator`1";
    private readonly Lazy<(HashSet<Type> Closed, bool Open)> found = new(() => Scan(services));

    /// <summary>Whether a FluentValidation validator of <paramref name="type"/> (or an open generic one) is registered.</summary>
    public bool For(Type type) => found.Value.Open || found.Value.Closed.Contains(type);

    private static (HashSet<Type>, bool) Scan(IServiceCollection services)
    {
        var closed = new HashSet<Type>();
        var open = false;
        foreach (var descriptor in services)
        {
            var service = descriptor.ServiceType;
            if (!service.IsGenericType || service.GetGenericTypeDefinition().FullName != ValidatorInterface)
            {
                continue;
            }

            if (service.IsGenericTypeDefinition)
            {
                open = true;
            }
            else
            {
                closed.Add(service.GetGenericArguments()[0]);
            }
        }

        return (closed, open);
    }
}
