namespace Config.Providers.Consul;

/// <summary>
/// Keeps a folder from going back in time. An answer whose index went back is older than what the folder holds: a stale
/// read an old leader served during an election (values would go back), or Consul's state started over — a cluster
/// rebuilt empty or restored from the wrong snapshot (every service would switch back to its defaults). Such an answer
/// is held: the folder keeps its last good data until an answer with an index past the held one — the leader's next
/// answer, or a write that confirms the new state. An ordinary delete, with the index moving forward, is never held.
/// Not thread-safe: used under the provider's lock.
/// </summary>
internal sealed class ConsulResetGuard
{
    private readonly Dictionary<string, ulong> held = new(StringComparer.Ordinal);

    /// <summary>What the guard decided about an answer.</summary>
    public enum Verdict
    {
        /// <summary>Apply it.</summary>
        Apply,

        /// <summary>Hold it: an index that went back, seen now for the first time.</summary>
        HoldNew,

        /// <summary>Hold it: the folder is already held and the index has not moved past the reset.</summary>
        StillHeld,

        /// <summary>Apply it: the index moved past the reset that held the folder.</summary>
        Confirmed,
    }

    /// <summary>An answer the same as the folder's data: a held folder is released (<see cref="Verdict.Confirmed"/>), else <see cref="Verdict.Apply"/>.</summary>
    public Verdict Release(string folder) => held.Remove(folder) ? Verdict.Confirmed : Verdict.Apply;

    /// <summary>Judges <paramref name="folder"/>'s answer with <paramref name="keys"/> keys after <paramref name="keysBefore"/>.</summary>
    public Verdict Judge(string folder, int keysBefore, int keys, ConsulIndexStep step)
    {
        if (held.TryGetValue(folder, out var resetAt))
        {
            if (step.Current > resetAt)
            {
                held.Remove(folder);
                return Verdict.Confirmed;
            }

            return Verdict.StillHeld;
        }

        if (step.WentBack && keysBefore > 0)
        {
            held[folder] = step.Current;
            return Verdict.HoldNew;
        }

        return Verdict.Apply;
    }
}
