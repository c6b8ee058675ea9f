using System.Collections.Concurrent;
using System.Net;
using Config.Providers.Consul;
using Config.Providers.Testing;

namespace Config.Providers.Tests.Consul;

/// <summary>
/// A "Consul" that redirects to another address: the client does not follow, the ACL token never reaches the other
/// address, and the error names where the redirect pointed (without its query).
/// </summary>
public sealed class ConsulRedirectTests
{
    [Fact]
    public async Task A_redirect_is_an_error_naming_its_target_and_the_token_never_leaves_the_configured_address()
    {
        var (redirectingPort, elsewherePort) = (TestPorts.Next(), TestPorts.Next());
        using var elsewhere = new HttpListener();
        elsewhere.Prefixes.Add($"http://127.0.0.1:{elsewherePort}/");
        elsewhere.Start();
        var reachedElsewhere = new ConcurrentQueue<string?>();
        var answering = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    var context = await elsewhere.GetContextAsync();
                    reachedElsewhere.Enqueue(context.Request.Headers["X-Consul-Token"]);
                    context.Response.StatusCode = 200;
                    context.Response.Close();
                }
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                // Stopped at the end of the test. (Left to fault unobserved, this once counted as another test's failure.)
            }
        });

        using var redirecting = new HttpListener();
        redirecting.Prefixes.Add($"http://127.0.0.1:{redirectingPort}/");
        redirecting.Start();
        var serving = Task.Run(async () =>
        {
            for (var i = 0; i < 2; i++)
            {
                var context = await redirecting.GetContextAsync();
                context.Response.StatusCode = 307;
                context.Response.RedirectLocation = $"http://127.0.0.1:{elsewherePort}{context.Request.Url!.AbsolutePath}?recurse&leak=1";
                context.Response.Close();
            }
        });

        using var client = new ConsulHttpClient(new ConsulClientOptions { Address = new Uri($"http://127.0.0.1:{redirectingPort}"), Token = "tok-3f9a-never-elsewhere" });

        var read = await Assert.ThrowsAsync<ConsulException>(() => client.ListAsync("config/orders").WaitAsync(TimeSpan.FromSeconds(30)));
        var write = await Assert.ThrowsAsync<ConsulException>(() => client.PutAsync("config/orders/Level", "debug").WaitAsync(TimeSpan.FromSeconds(30)));
        await serving.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Contains($"answered 307 Temporary Redirect, redirecting to http://127.0.0.1:{elsewherePort}/v1/kv/config/orders/, when listing 'config/orders/'", read.Message);
        Assert.Contains("redirects are not followed", write.Message);
        Assert.DoesNotContain("leak", read.Message + write.Message);
        Assert.DoesNotContain("tok-3f9a", read.Message + write.Message);
        Assert.Empty(reachedElsewhere);
        elsewhere.Stop();
        await answering.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
