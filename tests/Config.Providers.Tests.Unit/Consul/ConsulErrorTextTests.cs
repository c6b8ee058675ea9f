using System.Net;
using System.Text;
using Config.Providers.Consul;

namespace Config.Providers.Tests.Consul;

/// <summary>A peer's error text is quoted on one line, shortened, with control characters shown rather than sent to a terminal.</summary>
public sealed class ConsulErrorTextTests
{
    private sealed class Answer(string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.InternalServerError)
            {
                Content = new StringContent(body, Encoding.UTF8, "text/plain"),
            });
    }

    [Fact]
    public async Task Escape_and_bell_characters_in_an_error_body_are_escaped_in_the_message()
    {
        using var http = new HttpClient(new Answer("No cluster leader\u001B]0;pwned\u0007\u001B[2J"));
        using var client = new ConsulHttpClient(new ConsulClientOptions { Address = new Uri("http://consul.test:8500") }, http);

        var error = await Assert.ThrowsAsync<ConsulException>(() => client.ReadAsync("config/orders/"));

        Assert.Contains("No cluster leader\\u001B]0;pwned\\u0007\\u001B[2J", error.Message);
        Assert.DoesNotContain('\u001B', error.Message);
        Assert.DoesNotContain('\u0007', error.Message);
    }
}
