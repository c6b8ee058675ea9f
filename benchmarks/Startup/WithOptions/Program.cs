// Builds a host from appsettings.json and the environment, binds (binding source generator) and validates five
// options types at start (ValidateOnStart), stops, and prints its peak memory: the framework's side of the startup
// comparison (docs/benchmarks.md). "annotations" validates with ValidateDataAnnotations (reflection) instead.
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Startup;

var annotations = args.Contains("annotations");
var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
builder.Configuration.AddJsonFile("appsettings.json").AddEnvironmentVariables();
// Each Bind call names its type, so that the binding source generator replaces it.
Validate<OrdersSettings, OrdersValidator>(builder.Services.AddOptions<OrdersSettings>().Bind(builder.Configuration.GetSection("Orders")).ValidateOnStart(), annotations);
Validate<BillingSettings, BillingValidator>(builder.Services.AddOptions<BillingSettings>().Bind(builder.Configuration.GetSection("Billing")).ValidateOnStart(), annotations);
Validate<ShippingSettings, ShippingValidator>(builder.Services.AddOptions<ShippingSettings>().Bind(builder.Configuration.GetSection("Shipping")).ValidateOnStart(), annotations);
Validate<CatalogSettings, CatalogValidator>(builder.Services.AddOptions<CatalogSettings>().Bind(builder.Configuration.GetSection("Catalog")).ValidateOnStart(), annotations);
Validate<IdentitySettings, IdentityValidator>(builder.Services.AddOptions<IdentitySettings>().Bind(builder.Configuration.GetSection("Identity")).ValidateOnStart(), annotations);

using var host = builder.Build();
await host.StartAsync();
var check = host.Services.GetRequiredService<IOptions<IdentitySettings>>().Value;
await host.StopAsync();
Console.WriteLine($"ok {check.Database.Port} {check.Flag0} peak_rss_kb={PeakRss.Kilobytes()} {RuntimeWork.Describe()}");

[UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "ValidateDataAnnotations is only chosen on the JIT.")]
[UnconditionalSuppressMessage("AOT", "IL3050", Justification = "ValidateDataAnnotations is only chosen on the JIT.")]
static void Validate<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.All)] T, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TValidator>(OptionsBuilder<T> options, bool annotations)
    where T : class
    where TValidator : class, IValidateOptions<T>
{
    if (annotations)
    {
        options.ValidateDataAnnotations();
    }
    else
    {
        options.Services.AddSingleton<IValidateOptions<T>, TValidator>();
    }
}
