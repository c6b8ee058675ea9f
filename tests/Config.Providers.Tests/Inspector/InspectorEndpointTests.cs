using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text.Json;
using Config.Providers.Consul;
using Config.Providers.Testing;
using Config.Providers.Tests.Consul;
using Config.Providers.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Config.Providers.Tests.Inspector;

/// <summary>
/// <c>MapConfigurationInspector()</c> on a real Kestrel, over real files and a real Consul agent: the JSON says which
/// source won each key and what it shadowed, a change in Consul appears, no secret — by name, by value or by a
/// settings type's <c>[Secret]</c> — is in any byte of any answer, and without authorization a request from another
/// address gets 404 (with a warning at startup).
/// </summary>
public sealed class InspectorEndpointTests(ConsulAgentFixture fixture) : IClassFixture<ConsulAgentFixture>, IDisposable
{
    private const string DbPassword = "pw-inspector-7a1f";
    private const string SigningKey = "signing-inspector-55c0";
    private const string UrlPassword = "urlpass-inspector-c3d2";
    private readonly TempDirectory contentRoot = new();
    private readonly string service = "svc" + Guid.NewGuid().ToString("N")[..8];

    public void Dispose() => contentRoot.Dispose();

    /// <summary>Counts how often the settings are validated.</summary>
    private sealed class CountingValidator : Microsoft.Extensions.Options.IValidateOptions<PaymentSettings>
    {
        public int Calls;

        public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, PaymentSettings options)
        {
            Interlocked.Increment(ref Calls);
            return Microsoft.Extensions.Options.ValidateOptionsResult.Success;
        }
    }

    private readonly CountingValidator validator = new();

    public sealed class PaymentSettings
    {
        [Secret]
        public string? Signing { get; set; }

        [Mutable]
        public int Retries { get; set; }
    }

    /// <summary>Starts the web app; returns it with the loopback base address and, when the machine has one, another.</summary>
    internal async Task<(WebApplication App, Uri Loopback, Uri? Other, CapturedLogs Logs)> StartAsync()
    {
        contentRoot.Write("config.yaml", "Db:\n  Host: from-yaml\n  Pool: 5\n");
        contentRoot.Write(".env", $"Db__Host=from-dotenv\nDb__Password={DbPassword}\nPayments__Signing={SigningKey}\nPayments__Retries=1\nBroker__Url=amqp://user:{UrlPassword}@rabbit:5672/\n");
        using (var consul = fixture.Agent.Client())
        {
            await consul.PutAsync($"config/{service}/Payments/Retries", "2");
        }

        var logs = new CapturedLogs();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = contentRoot.Path, ApplicationName = service, EnvironmentName = "Production" });
        builder.Logging.ClearProviders().AddProvider(logs);
        builder.AddServiceDiscovery(o => o.Consul = new ConsulClientOptions { Address = fixture.Agent.Address });
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<PaymentSettings>>(validator);
        builder.Services.AddSettings<PaymentSettings>("Payments");
        var loopback = new Uri($"http://127.0.0.1:{TestPorts.Next()}");
        var otherAddress = NonLoopbackAddress();
        var other = otherAddress is null ? null : new Uri($"http://{otherAddress}:{TestPorts.Next()}");
        builder.WebHost.UseUrls(other is null ? [loopback.ToString()] : [loopback.ToString(), other.ToString()]);
        var app = builder.Build();
        app.MapConfigurationInspector();
        await app.StartAsync();
        return (app, loopback, other, logs);
    }

    [ConsulFact]
    public async Task The_json_names_the_winner_and_what_it_shadowed_follows_consul_and_never_holds_a_secret()
    {
        var (app, loopback, _, logs) = await StartAsync();
        await using var _ = app;
        using var client = new HttpClient { BaseAddress = loopback, Timeout = TimeSpan.FromSeconds(10) };

        var text = await client.GetStringAsync("/_config/json");
        using (var json = JsonDocument.Parse(text))
        {
            var host = Key(json, "Db:Host");
            Assert.Equal("from-dotenv", host.GetProperty("value").GetString());
            Assert.StartsWith($"env file {contentRoot.File(".env")}:1", host.GetProperty("origin").GetString());
            var shadowed = Assert.Single(host.GetProperty("shadowed").EnumerateArray());
            Assert.Equal("from-yaml", shadowed.GetProperty("value").GetString());
            Assert.Contains("config.yaml", shadowed.GetProperty("origin").GetString());
            Assert.Equal(SecretAttribute.Mask, Key(json, "Db:Password").GetProperty("value").GetString());
            Assert.Equal(SecretAttribute.Mask, Key(json, "Payments:Signing").GetProperty("value").GetString());   // [Secret] only

            var retries = Key(json, "Payments:Retries");
            Assert.Equal("2", retries.GetProperty("value").GetString());
            Assert.StartsWith($"consul config/{service}/Payments/Retries", retries.GetProperty("origin").GetString());
            Assert.Equal("1", Assert.Single(retries.GetProperty("shadowed").EnumerateArray()).GetProperty("value").GetString());

            Assert.Contains(json.RootElement.GetProperty("sources").EnumerateArray(), s => s.GetProperty("name").GetString()!.StartsWith("Consul KV", StringComparison.Ordinal) && s.GetProperty("status").GetString() == "healthy");
            Assert.Equal(["Payments:Signing"], json.RootElement.GetProperty("settings").EnumerateArray().Single().GetProperty("secretKeys").EnumerateArray().Select(e => e.GetString()));
        }

        // A change in Consul: in the JSON, and in the latest reloads of the settings type. Waited for on the change
        // feed, which records a report before telling its subscribers: IOptionsMonitor is signalled before the report is
        // published (docs/settings.md), so a listener of the monitor can read the inspector a moment before the report.
        var feed = app.Services.GetRequiredService<ISettingsChangeFeed>();
        var reported = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (feed.Subscribe(new Observer<SettingsReloadReport>(r =>
        {
            if (r.OptionsType == typeof(PaymentSettings) && r.Outcome == ReloadOutcome.Applied && r.Changes.Any(c => c.Key == "Payments:Retries" && c.NewValue == "3"))
            {
                reported.TrySetResult();
            }
        })))
        {
            using var consul = fixture.Agent.Client();
            await consul.PutAsync($"config/{service}/Payments/Retries", "3");
            await reported.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }

        var after = await client.GetStringAsync("/_config/json");
        using (var json = JsonDocument.Parse(after))
        {
            Assert.Equal("3", Key(json, "Payments:Retries").GetProperty("value").GetString());
            var report = json.RootElement.GetProperty("recentChanges").EnumerateArray().First();
            Assert.Equal("Applied", report.GetProperty("outcome").GetString());
        }

        // No secret in any byte: JSON (both addresses) and the page.
        // A page polls every second: without a change, the settings are not validated again.
        await client.GetStringAsync("/_config/json");
        var validations = Volatile.Read(ref validator.Calls);
        await client.GetStringAsync("/_config/json");
        await client.GetStringAsync("/_config/json");
        Assert.Equal(validations, Volatile.Read(ref validator.Calls));

        var page = await client.GetStringAsync("/_config");
        var asJson = await SendAsync(client, "/_config", "application/json");
        foreach (var body in new[] { text, after, page, asJson })
        {
            Assert.DoesNotContain(DbPassword, body);
            Assert.DoesNotContain(SigningKey, body);
            Assert.DoesNotContain(UrlPassword, body);
        }

        Assert.Contains("<title>Configuration</title>", page);
        Assert.StartsWith("{", asJson.TrimStart());
        Assert.Contains(logs.Lines, line => line.Contains("has no authorization", StringComparison.Ordinal));
    }

    [ConsulFact]
    public async Task Without_authorization_a_request_from_another_address_gets_404()
    {
        var (app, loopback, other, _) = await StartAsync();
        await using var _ = app;
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(loopback, "/_config/json"))).StatusCode);
        Assert.True(other is not null, "this machine has no non-loopback IPv4 address to send from");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri(other!, "/_config/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri(other!, "/_config"))).StatusCode);
    }

    [BrowserFact]
    public async Task The_page_in_headless_chromium_shows_the_keys_filters_them_and_follows_a_change_live()
    {
        var (app, loopback, _, _) = await StartAsync();
        await using var _ = app;
        using var profile = new TempDirectory();
        await using var browser = await PuppeteerSharp.Puppeteer.LaunchAsync(new PuppeteerSharp.LaunchOptions
        {
            ExecutablePath = Chromium.Path,
            Headless = true,
            Args = Chromium.Arguments(profile.Path),
            Timeout = 30_000,
        });
        await using var page = await browser.NewPageAsync();
        page.DefaultTimeout = 10_000;
        await page.SetViewportAsync(new PuppeteerSharp.ViewPortOptions { Width = 1280, Height = 900 });

        await page.GoToAsync(new Uri(loopback, "/_config").ToString());
        await page.WaitForSelectorAsync("tr[data-key='Db:Host']");

        // The winning source is the highlighted one; what it shadowed is one click away.
        Assert.StartsWith($"env file {contentRoot.File(".env")}:1", await page.EvaluateExpressionAsync<string>("document.querySelector(\"tr[data-key='Db:Host'] td.source .winner\").textContent"));
        Assert.Contains("from-yaml", await page.EvaluateExpressionAsync<string>("document.querySelector(\"tr[data-key='Db:Host'] details\").textContent"));
        Assert.Contains("healthy", await page.EvaluateExpressionAsync<string>("document.querySelector(\"#sources li[data-source^='Consul KV'] .badge\").textContent"));

        // Search filters the table.
        var all = await page.EvaluateExpressionAsync<int>("document.querySelectorAll('#keys tr').length");
        await page.TypeAsync("#search", "payments");
        await page.WaitForFunctionAsync("() => { const rows = [...document.querySelectorAll('#keys tr')]; return rows.length >= 2 && rows.every(r => r.textContent.toLowerCase().includes('payments')); }");
        Assert.True(await page.EvaluateExpressionAsync<int>("document.querySelectorAll('#keys tr').length") < all);

        // A change in Consul appears without a reload of the page.
        using (var consul = fixture.Agent.Client())
        {
            await consul.PutAsync($"config/{service}/Payments/Retries", "5");
        }

        await page.WaitForFunctionAsync("() => { const cell = document.querySelector(\"tr[data-key='Payments:Retries'] td.value\"); return cell !== null && cell.textContent === '5'; }");

        // The artifact: what an operator sees (the filter cleared), saved beside the test results.
        await page.EvaluateExpressionAsync("(() => { const s = document.getElementById('search'); s.value = ''; s.dispatchEvent(new Event('input')); })()");
        var screenshot = Path.Combine(RepositoryRoot.Path, "TestResults", "inspector.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(screenshot, new PuppeteerSharp.ScreenshotOptions { FullPage = false });
        Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot is empty");

        var html = await page.GetContentAsync();
        Assert.DoesNotContain(DbPassword, html);
        Assert.DoesNotContain(SigningKey, html);
        Assert.DoesNotContain(UrlPassword, html);
    }

    private static async Task<string> SendAsync(HttpClient client, string path, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd(accept);
        using var response = await client.SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }

    private static JsonElement Key(JsonDocument json, string key) =>
        json.RootElement.GetProperty("keys").EnumerateArray().Single(k => k.GetProperty("key").GetString() == key);

    /// <summary>An IPv4 address of this machine that is not loopback (a request from it is not from loopback).</summary>
    private static IPAddress? NonLoopbackAddress() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
}
