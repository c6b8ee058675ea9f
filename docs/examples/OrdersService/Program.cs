// The example service: its configuration comes from the generated config.yaml, dotCloud's environment.json and the
// .env next to it (and Consul when CONSUL_HTTP_ADDR is set), bound to OrdersSettings and validated before anything
// starts. The worker prints what it got (secrets masked) and stops; a real service would keep running.
//
//   dotnet run --project docs/examples/OrdersService                      # start: prints the bound settings
//   dotnet run --project docs/examples/OrdersService -- --check-config    # check only: exit 0 valid, 2 invalid
//   dotnet run --project docs/examples/OrdersService -- --contentRoot=docs/examples/OrdersService/broken --check-config
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrdersService;

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = args,
    ApplicationName = "orders",

    // The example's files sit next to the program unless --contentRoot=DIR names another folder (from the current one).
    ContentRootPath = args.FirstOrDefault(a => a.StartsWith("--contentRoot=", StringComparison.Ordinal)) is { } root
        ? Path.GetFullPath(root["--contentRoot=".Length..])
        : AppContext.BaseDirectory,
});
builder.AddServiceDiscovery();
builder.Services.AddSettings<OrdersSettings>("Orders");
builder.Services.AddSettings<DatabaseSettings>("reporting", "Reporting:Database");   // a named instance, checked too
builder.Services.AddHostedService<OrdersWorker>();
await builder.Build().RunAsync();
