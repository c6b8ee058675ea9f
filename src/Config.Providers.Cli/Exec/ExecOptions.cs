namespace Config.Providers.Cli.Exec;

/// <summary>How <c>exec</c> treats its child on a change.</summary>
/// <param name="Pristine">Give the child only the rendered variables, not this process's environment.</param>
/// <param name="ReloadSignal">Send this signal instead of restarting (the child re-reads what it reads); null: restart.</param>
/// <param name="Splay">A random wait up to this long before acting on a change, so a fleet does not restart at once.</param>
/// <param name="MinimumInterval">The least time between two starts (or reload signals) of the child.</param>
/// <param name="KillTimeout">How long a child asked to stop (<c>SIGTERM</c>) has before it is killed.</param>
internal sealed record ExecOptions(bool Pristine, int? ReloadSignal, TimeSpan Splay, TimeSpan MinimumInterval, TimeSpan KillTimeout);
