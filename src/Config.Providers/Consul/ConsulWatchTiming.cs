namespace Config.Providers.Consul;

/// <summary>The pacing of a Consul watch.</summary>
/// <param name="WaitTime">How long one blocking query waits at most.</param>
/// <param name="MinimumInterval">The least time between two queries.</param>
/// <param name="MaximumBackoff">The longest pause after failures.</param>
/// <param name="Time">The clock.</param>
internal sealed record ConsulWatchTiming(TimeSpan WaitTime, TimeSpan MinimumInterval, TimeSpan MaximumBackoff, TimeProvider Time)
{
    /// <summary>
    /// The longest pause before re-arming after wakes that brought nothing (<see cref="ConsulRetry.QuietFloor"/>): it
    /// bounds how late a first key in an empty folder is seen while other folders are busy. Default: 3 s.
    /// </summary>
    public TimeSpan QuietFloorCeiling { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Where in its window each backoff falls, 0 to 1 (<see cref="ConsulRetry.Delay"/>); random unless a test fixes it.</summary>
    public Func<double>? Jitter { get; init; }
}
