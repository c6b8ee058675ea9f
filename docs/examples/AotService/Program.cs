// Binds AotSettings from config.yaml, .env, environment variables and Consul (when CONSUL_HTTP_ADDR is set)
// through AddServiceDiscovery and the settings source generator, prints every value, and stops: the program a
// Native AOT publish must keep working. Exit 2 when the settings are invalid.
using AotService;
using Config.Providers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

var builder = Host.CreateApplicationBuilder(args);
builder.AddServiceDiscovery(o => o.ServiceName = "aot-service");
builder.Services.AddSettings<AotSettings>("Aot");

using var host = builder.Build();
try
{
    await host.StartAsync();
}
catch (OptionsValidationException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

var s = host.Services.GetRequiredService<IOptions<AotSettings>>().Value;
Console.WriteLine($"Database={s.Database.Host}:{s.Database.Port} password={(s.Database.Password is null ? "none" : SecretAttribute.Mask)}");
Console.WriteLine($"Ports={string.Join(",", s.Ports)}");
Console.WriteLine($"Limits={string.Join(",", s.Limits.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"))}");
Console.WriteLine($"Tier={s.Tier}");
Console.WriteLine($"Timeout={s.Timeout}");
Console.WriteLine($"MaxBody={s.MaxBody}");
Console.WriteLine($"Api={s.Api}");
Console.WriteLine($"Queue={s.Queue?.Scheme}://{s.Queue?.Host}:{s.Queue?.Port}");
Console.WriteLine($"Tags={string.Join(",", s.Tags)}");
Console.WriteLine($"Workers={s.Workers}");
await host.StopAsync();
return 0;
