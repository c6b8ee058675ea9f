// Builds a host from config.yaml and .env (or, with "json", appsettings.json and the environment), binds and validates five settings types at start, stops, and prints
// its peak memory: one side of the startup comparison (docs/benchmarks.md).
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Startup;

var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
if (args.Contains("json"))
{
    // The same sources as the framework's side, to tell the settings pipeline's cost from the YAML reader's.
    builder.Configuration.AddJsonFile("appsettings.json").AddEnvironmentVariables();
}
else
{
    builder.Configuration.AddYamlFile("config.yaml").AddEnvFile(".env");
}

builder.Services.AddSettings<OrdersSettings>("Orders");
builder.Services.AddSettings<BillingSettings>("Billing");
builder.Services.AddSettings<ShippingSettings>("Shipping");
builder.Services.AddSettings<CatalogSettings>("Catalog");
builder.Services.AddSettings<IdentitySettings>("Identity");

using var host = builder.Build();
await host.StartAsync();
var check = host.Services.GetRequiredService<IOptions<IdentitySettings>>().Value;
await host.StopAsync();
Console.WriteLine($"ok {check.Database.Port} {check.Flag0} peak_rss_kb={PeakRss.Kilobytes()} {RuntimeWork.Describe()}");
