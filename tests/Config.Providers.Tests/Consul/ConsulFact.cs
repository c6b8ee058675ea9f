using Config.Providers.Testing;

namespace Config.Providers.Tests.Consul;

/// <summary>
/// A test that needs a real Consul agent. Skipped (with the reason) only when Consul cannot be had and
/// CONSUL_REQUIRED is not 1; CI sets CONSUL_REQUIRED=1, so there it fails instead.
/// </summary>
public sealed class ConsulFactAttribute : FactAttribute
{
    public ConsulFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("CONSUL_REQUIRED") != "1" && ConsulAgent.UnavailableReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A theory that needs a real Consul agent; skipped or failed as <see cref="ConsulFactAttribute"/>.</summary>
public sealed class ConsulTheoryAttribute : TheoryAttribute
{
    public ConsulTheoryAttribute()
    {
        if (Environment.GetEnvironmentVariable("CONSUL_REQUIRED") != "1" && ConsulAgent.UnavailableReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>One agent shared by the tests of a class.</summary>
public sealed class ConsulAgentFixture : IAsyncLifetime
{
    public ConsulAgent Agent { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // Tests are skipped in this case (ConsulFact); starting would only fail the whole class.
        if (ConsulAgent.UnavailableReason is not null && Environment.GetEnvironmentVariable("CONSUL_REQUIRED") != "1")
        {
            return;
        }

        Agent = await ConsulAgent.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (Agent is not null)
        {
            await Agent.DisposeAsync();
        }
    }
}
