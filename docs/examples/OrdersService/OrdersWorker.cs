using Config.Providers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace OrdersService;

/// <summary>Prints the settings the service started with, then stops the example (a real worker would loop).</summary>
public sealed class OrdersWorker(IOptionsMonitor<OrdersSettings> orders, IOptionsMonitor<DatabaseSettings> databases, IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = orders.CurrentValue;
        var reporting = databases.Get("reporting");
        Console.WriteLine("Orders worker started with:");
        Console.WriteLine($"  ServiceName      {settings.ServiceName}");
        Console.WriteLine($"  Database         {settings.Database.Host}:{settings.Database.Port}, password {SecretAttribute.Mask}");
        Console.WriteLine($"  Reporting        {reporting.Host}:{reporting.Port}");
        Console.WriteLine($"  RequestTimeout   {settings.RequestTimeout} [mutable]");
        Console.WriteLine($"  MaxBodySize      {settings.MaxBodySize} bytes");
        Console.WriteLine($"  Workers          {settings.Workers.Count} x {settings.Workers.Mode} [mutable]");
        Console.WriteLine($"  FeatureFlags     {string.Join(", ", settings.FeatureFlags)} [mutable]");
        lifetime.StopApplication();
        return Task.CompletedTask;
    }
}
