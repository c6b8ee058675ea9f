using Config.Providers.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Config.Providers.Tests.Support;

/// <summary>The hand-over from the bootstrap console to the host's logging (pure logic: two capturing factories).</summary>
public sealed class HandoverLoggerFactoryTests
{
    [Fact]
    public void Messages_before_the_hand_over_are_shown_at_once_and_replayed_to_the_host_with_their_state()
    {
        var bootstrap = new CapturedLogs();
        var host = new CapturedLogs();
        var handover = new HandoverLoggerFactory(bootstrap.Factory());
        var logger = handover.CreateLogger("Config.Providers.Consul.ConsulKvConfigurationProvider");

        logger.LogInformation(new EventId(300), "Waiting for {Address}", "http://consul:8500");
        Assert.Single(bootstrap.Entries);
        Assert.Empty(host.Entries);

        handover.HandOver(host.Factory());
        Assert.Equal(["Waiting for http://consul:8500"], host.Lines);
        Assert.Equal(300, host.Entries.Single().EventId.Id);

        // After the hand-over: the host only.
        logger.LogWarning(new EventId(302), "Failing");
        Assert.Equal(2, host.Entries.Count);
        Assert.Single(bootstrap.Entries);

        // The host is gone: back to the bootstrap console, nothing kept.
        handover.Revert();
        logger.LogWarning(new EventId(302), "Failing again");
        Assert.Equal(2, bootstrap.Entries.Count);
        Assert.Equal(2, host.Entries.Count);
    }

    [Fact]
    public void A_flood_before_the_host_keeps_the_newest_messages_and_says_how_many_were_dropped()
    {
        var host = new CapturedLogs();
        var handover = new HandoverLoggerFactory(Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        var logger = handover.CreateLogger("x");
        for (var i = 0; i < HandoverLoggerFactory.Capacity + 10; i++)
        {
            logger.LogInformation("message {Number}", i);
        }

        handover.HandOver(host.Factory());
        Assert.Contains("10 message(s) logged before the host started were dropped", host.Lines.First());
        Assert.Equal($"message {HandoverLoggerFactory.Capacity + 9}", host.Lines.Last());
        Assert.Equal(HandoverLoggerFactory.Capacity + 1, host.Entries.Count);
    }
}
