using Microsoft.Extensions.Configuration;

namespace ReflectionBinding;

/// <summary>Calls <see cref="ConfigurationBinder.Bind(IConfiguration, object?)"/> without the source generator.</summary>
public static class ReflectionBinder
{
    public static void Bind(IConfiguration configuration, object instance) => configuration.Bind(instance);
}
