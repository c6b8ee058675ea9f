// A small service that binds its settings with AddSettings<T> and shows them (secrets masked), then shows what a
// broken configuration file produces: every problem at once, with key and file, and the service not started.
// Run: dotnet run --project docs/examples/OrdersService [-- FILE.json ...]
using Config.Providers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OrdersService;

var files = args.Length > 0 ? args : ["appsettings.json", "appsettings.invalid.json"];
var exitCode = 0;
foreach (var file in files)
{
    exitCode = Math.Max(exitCode, await ShowAsync(file));
    Console.WriteLine();
}

// Exit 0 for the built-in demonstration; 2 when a file named on the command line is invalid.
return args.Length > 0 ? exitCode : 0;

static async Task<int> ShowAsync(string file)
{
    var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = AppContext.BaseDirectory });
    builder.Configuration.AddJsonFile(file, optional: false, reloadOnChange: false);
    builder.Services.AddSettings<OrdersSettings>("Orders");

    using var host = builder.Build();
    try
    {
        await host.StartAsync();
    }
    catch (OptionsValidationException e)
    {
        Console.WriteLine($"{file}: the service would not start. {e.Failures.Count()} problem(s):");
        foreach (var failure in e.Failures)
        {
            Console.WriteLine($"  {failure}");
        }

        return 2;
    }

    var settings = host.Services.GetRequiredService<IOptionsMonitor<OrdersSettings>>().CurrentValue;
    Console.WriteLine($"{file}: valid. Bound OrdersSettings:");
    Console.WriteLine($"  ServiceName      {settings.ServiceName}");
    Console.WriteLine($"  Database         {settings.Database.Host}:{settings.Database.Port}, password {SecretAttribute.Mask}");
    Console.WriteLine($"  RequestTimeout   {settings.RequestTimeout} [mutable]");
    Console.WriteLine($"  MaxBodySize      {settings.MaxBodySize} bytes");
    Console.WriteLine($"  Workers          {settings.Workers.Count} x {settings.Workers.Mode} [mutable]");
    Console.WriteLine($"  FeatureFlags     {string.Join(", ", settings.FeatureFlags)} [mutable]");
    await host.StopAsync();
    return 0;
}
