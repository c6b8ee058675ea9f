namespace Config.Providers.Consul;

/// <summary>How the Consul watches back off after errors, and how often they say so.</summary>
internal static class ConsulRetry
{
    /// <summary>The least time a startup attempt gets, even at the deadline: startup ends within its timeout plus this.</summary>
    public static readonly TimeSpan LastAttempt = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The deadline of one startup attempt: it ends with the startup timeout (<paramref name="left"/>), whatever hangs
    /// (a stalled body, a silent peer); the last one still gets <see cref="LastAttempt"/>, so a healthy Consul at the
    /// deadline is not cut off.
    /// </summary>
    public static CancellationTokenSource StartupAttempt(TimeSpan left, CancellationToken cancellationToken)
    {
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(left > LastAttempt ? left : LastAttempt);
        return deadline;
    }

    /// <summary>Exponential backoff from 250 ms with jitter (between half and all of the step), capped.</summary>
    public static TimeSpan Delay(int failures, TimeSpan maximum)
    {
        var ceiling = Math.Min(maximum.TotalMilliseconds, 250 * Math.Pow(2, Math.Min(failures, 20)));
        return TimeSpan.FromMilliseconds((ceiling / 2) + (Random.Shared.NextDouble() * ceiling / 2));
    }

    /// <summary>Logs the 1st, 2nd, 4th, 8th … failure of a streak: a sane rate while Consul is down.</summary>
    public static bool ShouldLog(int failures) => (failures & (failures - 1)) == 0;
}
