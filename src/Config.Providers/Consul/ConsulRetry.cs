namespace Config.Providers.Consul;

/// <summary>
/// The one backoff of every Consul wait — the startup reads of KV and of required services, the watches, registration —
/// and how often a streak of failures is said.
/// </summary>
internal static class ConsulRetry
{
    /// <summary>The least time a startup attempt gets, even at the deadline: startup ends within its timeout plus this.</summary>
    public static readonly TimeSpan LastAttempt = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The deadline of one startup attempt: a third of the startup timeout (at least 2 s), and never past its end
    /// (<paramref name="left"/>), so a hung peer costs one attempt and is tried again, not the whole wait; the last
    /// one still gets <see cref="LastAttempt"/>, so a healthy Consul at the deadline is not cut off.
    /// </summary>
    public static CancellationTokenSource StartupAttempt(TimeSpan left, TimeSpan startupTimeout, CancellationToken cancellationToken)
    {
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(AttemptLimit(left, startupTimeout));
        return deadline;
    }

    /// <summary>How long one startup attempt may take (<see cref="StartupAttempt"/>).</summary>
    public static TimeSpan AttemptLimit(TimeSpan left, TimeSpan startupTimeout)
    {
        var share = startupTimeout / 3 > TimeSpan.FromSeconds(2) ? startupTimeout / 3 : TimeSpan.FromSeconds(2);
        var limit = left < share ? left : share;
        return limit > LastAttempt ? limit : LastAttempt;
    }

    /// <summary>
    /// Exponential backoff from 250 ms with jitter (between half and all of the step), capped: after the 1st failure
    /// 250–500 ms, the 2nd 0.5–1 s, the 3rd 1–2 s …; <paramref name="jitter"/> (0 to 1, random when null) picks where.
    /// </summary>
    public static TimeSpan Delay(int failures, TimeSpan maximum, Func<double>? jitter = null)
    {
        var ceiling = Math.Min(maximum.TotalMilliseconds, 250 * Math.Pow(2, Math.Min(failures, 20)));
        return TimeSpan.FromMilliseconds((ceiling / 2) + ((jitter ?? Random.Shared.NextDouble)() * ceiling / 2));
    }

    /// <summary>
    /// The longest pause between attempts while nothing answers at Consul's address (refused, not resolved): such an
    /// attempt reaches no Consul, so it costs Consul nothing, and a Consul that comes back is seen within this (the
    /// full backoff, up to MaximumBackoff, is kept for errors Consul itself returns: 5xx, 429, stalls).
    /// </summary>
    public static readonly TimeSpan UnreachableCeiling = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The longest pause while required services are awaited at startup: a service that registers (or turns healthy) is
    /// seen within it.
    /// </summary>
    public static readonly TimeSpan RequiredServicesCeiling = TimeSpan.FromSeconds(2);

    /// <summary>The longest backoff after <paramref name="failure"/>: <see cref="UnreachableCeiling"/> when nothing answered, else <paramref name="maximum"/>.</summary>
    public static TimeSpan Ceiling(Exception failure, TimeSpan maximum) =>
        failure is ConsulException { Unreachable: true } && UnreachableCeiling < maximum ? UnreachableCeiling : maximum;

    /// <summary>
    /// The pause before re-arming a watch after <paramref name="quietWakes"/> wakes in a row that brought nothing of its
    /// own: 250 ms, 500 ms, 1 s, 2 s … up to <paramref name="ceiling"/>. At 20 writes/s elsewhere an empty folder makes
    /// about 7 requests in 10 s instead of 100, and a key written into it is seen within the current floor.
    /// </summary>
    public static TimeSpan QuietFloor(int quietWakes, TimeSpan ceiling) =>
        TimeSpan.FromMilliseconds(Math.Min(ceiling.TotalMilliseconds, 250 * Math.Pow(2, Math.Min(quietWakes - 1, 20))));

    /// <summary>Logs the 1st, 2nd, 4th, 8th … failure of a streak: a sane rate while Consul is down.</summary>
    public static bool ShouldLog(int failures) => (failures & (failures - 1)) == 0;
}
