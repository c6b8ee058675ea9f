using BenchmarkDotNet.Attributes;
using Config.Providers.Settings.Binding;
using Config.Providers.Settings.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Config.Providers.Benchmarks;

/// <summary>
/// Binding one realistic options class from the same configuration: AddSettings' binder vs
/// ConfigurationBinder's reflection path vs the configuration binding source generator.
/// </summary>
[MemoryDiagnoser]
public class BindingBenchmarks
{
    private IConfigurationRoot configuration = null!;
    private IConfigurationSection section = null!;
    private TypeShape generated = null!;
    private TypeShape reflected = null!;
    private SettingsBuilder<ServiceOptions> settingsBuilder = null!;

    public static Dictionary<string, string?> Data() => new()
    {
        ["Service:Name"] = "orders", ["Service:Environment"] = "production", ["Service:Port"] = "8080",
        ["Service:EnableSwagger"] = "true", ["Service:RequestTimeout"] = "00:00:30", ["Service:PublicUrl"] = "https://orders.example.com/",
        ["Service:LogLevel"] = "Information",
        ["Service:Database:Host"] = "db.internal", ["Service:Database:Port"] = "5432", ["Service:Database:Name"] = "orders",
        ["Service:Database:User"] = "orders", ["Service:Database:Password"] = "s3cret", ["Service:Database:PoolSize"] = "50",
        ["Service:Database:CommandTimeout"] = "00:00:15", ["Service:Database:UseSsl"] = "true",
        ["Service:Rabbit:Host"] = "rabbitmq", ["Service:Rabbit:Port"] = "5672", ["Service:Rabbit:VirtualHost"] = "/",
        ["Service:Rabbit:Exchange"] = "orders.events", ["Service:Rabbit:Prefetch"] = "32", ["Service:Rabbit:RetryFactor"] = "1.5",
        ["Service:Cache:Enabled"] = "true", ["Service:Cache:Ttl"] = "00:05:00", ["Service:Cache:MaxEntries"] = "100000",
        ["Service:AllowedHosts:0"] = "orders.example.com", ["Service:AllowedHosts:1"] = "orders.internal", ["Service:AllowedHosts:2"] = "localhost",
        ["Service:Headers:X-Service"] = "orders", ["Service:Headers:X-Region"] = "eu-west", ["Service:Headers:X-Tier"] = "gold",
        ["Service:Downstream:0:Name"] = "stock", ["Service:Downstream:0:Url"] = "http://stock:8080/", ["Service:Downstream:0:Retries"] = "3",
        ["Service:Downstream:1:Name"] = "billing", ["Service:Downstream:1:Url"] = "http://billing:8080/", ["Service:Downstream:1:Retries"] = "5",
        ["Service:Downstream:2:Name"] = "shipping", ["Service:Downstream:2:Url"] = "http://shipping:8080/", ["Service:Downstream:2:Retries"] = "2",
        ["Unrelated:Key"] = "x",
    };

    [GlobalSetup]
    public void Setup()
    {
        configuration = new ConfigurationBuilder().AddInMemoryCollection(Data()).Build();
        section = configuration.GetSection("Service");
        reflected = Config.Providers.Settings.Binding.Reflection.ReflectionTypeShapes.For(typeof(ServiceOptions));
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);

        // Replaced at compile time by the settings source generator: the definition carries the generated shape.
        services.AddSettings<ServiceOptions>("Service");
        var provider = services.BuildServiceProvider();
        var definition = provider.GetRequiredService<SettingsDefinition<ServiceOptions>>();
        generated = definition.Shape.Generated ? definition.Shape : throw new InvalidOperationException("The settings source generator did not run.");
        settingsBuilder = new SettingsBuilder<ServiceOptions>(definition, provider.GetRequiredService<SettingsServices>());

        // The three must agree before their speed is worth comparing.
        var expected = SourceGenerator();
        foreach (var other in new[] { Reflection(), AddSettings(), AddSettingsReflectedShapes(), AddSettingsIgnoringUnknownKeys(), AddSettingsWithValidation() })
        {
            if (other.Database.Host != expected.Database.Host || other.Downstream.Count != 3 || other.Headers.Count != 3 || other.Cache.Ttl != expected.Cache.Ttl)
            {
                throw new InvalidOperationException("The binders disagree on the bound values.");
            }
        }
    }

    [Benchmark(Baseline = true, Description = "Source generator")]
    public ServiceOptions SourceGenerator()
    {
        var options = new ServiceOptions();
        section.Bind(options);
        return options;
    }

    [Benchmark(Description = "ConfigurationBinder (reflection)")]
    public ServiceOptions Reflection()
    {
        var options = new ServiceOptions();
        ReflectionBinding.ReflectionBinder.Bind(section, options);
        return options;
    }

    [Benchmark(Description = "AddSettings binder, generated shapes (default: unknown keys detected)")]
    public ServiceOptions AddSettings()
    {
        var context = new BindingContext(configuration, UnknownKeyPolicy.Error);
        return (ServiceOptions)SettingsBinder.Bind(generated, configuration, "Service", context);
    }

    [Benchmark(Description = "AddSettings binder, reflection shapes (default: unknown keys detected)")]
    public ServiceOptions AddSettingsReflectedShapes()
    {
        var context = new BindingContext(configuration, UnknownKeyPolicy.Error);
        return (ServiceOptions)SettingsBinder.Bind(reflected, configuration, "Service", context);
    }

    [Benchmark(Description = "AddSettings binder, generated shapes, UnknownKeys = Ignore")]
    public ServiceOptions AddSettingsIgnoringUnknownKeys()
    {
        var context = new BindingContext(configuration, UnknownKeyPolicy.Ignore);
        return (ServiceOptions)SettingsBinder.Bind(generated, configuration, "Service", context);
    }

    [Benchmark(Description = "AddSettings binder + validation (generated shapes)")]
    public ServiceOptions AddSettingsWithValidation() => settingsBuilder.Build(configuration, configuration).Instance;
}
