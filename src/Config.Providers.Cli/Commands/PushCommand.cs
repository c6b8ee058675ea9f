using System.CommandLine;
using Config.Providers.Cli.Push;
using Config.Providers.Consul;
using Config.Providers.Core;
using Config.Providers.Discovery;

namespace Config.Providers.Cli.Commands;

/// <summary>
/// <c>push</c>: writes a file or folder of configuration into a service's Consul folder as checked transactions, so a
/// concurrent edit fails the push instead of being overwritten (docs/cli.md#push).
/// </summary>
internal static class PushCommand
{
    /// <summary>A key changed in Consul between reading and writing: nothing of that transaction was applied.</summary>
    public const int Conflict = 3;

    /// <summary>Consul could not be read or written.</summary>
    public const int ConsulFailed = 1;

    public static Command Create(TextWriter output, TextWriter error)
    {
        var command = new Command("push", "Write a .yaml/.json/.env file, or a folder of them, into {prefix}/{service}[,{environment}]/ in Consul KV, with check-and-set on every key.");
        var input = new Argument<string>("input") { Description = "A .yaml, .yml, .json or .env file, or a folder of them." };
        var service = new Option<string>("--service") { Description = "The service whose folder is written ('application' for the folder every service reads).", Required = true };
        var environment = new Option<string>("--environment") { Description = "Write {service},{environment}/ instead of {service}/." };
        var consul = new Option<string>("--consul") { Description = "The Consul address (host:port or URL); default: CONSUL_HTTP_ADDR, as a service finds it (token and TLS from CONSUL_HTTP_* too)." };
        var prefix = new Option<string>("--consul-prefix") { Description = "The Consul root folder (default: config).", DefaultValueFactory = _ => "config" };
        var tokenFile = new Option<string>("--consul-token-file") { Description = "A file holding the ACL token (default: CONSUL_HTTP_TOKEN_FILE / CONSUL_HTTP_TOKEN)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the changes (secrets masked) and write nothing." };
        var prune = new Option<bool>("--prune") { Description = "Also delete the folder's keys that the input does not have." };
        command.Arguments.Add(input);
        foreach (var option in new Option[] { service, environment, consul, prefix, tokenFile, dryRun, prune, CliApplication.SchemaOption() })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parsed, cancellationToken) =>
        {
            if (!CliApplication.TryLoadSchema(parsed, error, out var secrets))
            {
                return CliApplication.BadInput;
            }

            var target = $"{parsed.GetValue(prefix)!.Trim('/')}/{parsed.GetValue(service)}{(parsed.GetValue(environment) is { Length: > 0 } env ? "," + env : string.Empty)}/".TrimStart('/');
            IReadOnlyList<Output.FlatEntry> entries;
            ConsulClientOptions options;
            try
            {
                entries = PushInput.Read(parsed.GetValue(input)!, error);
                options = Locate(parsed.GetValue(consul), parsed.GetValue(tokenFile));
            }
            catch (Exception e) when (e is InvalidOperationException or ConfigurationFormatException or IOException or UnauthorizedAccessException or UriFormatException)
            {
                error.WriteLine(e.Message);
                return CliApplication.BadInput;
            }

            using var client = new ConsulHttpClient(options);
            try
            {
                var existing = await client.ListAsync(target, cancellationToken: cancellationToken);
                var plan = PushPlan.Create(target, entries, existing.Value, parsed.GetValue(prune), secrets);
                return await ApplyAsync(plan, client, target, entries.Count, parsed.GetValue(dryRun), output, error, cancellationToken);
            }
            catch (ConsulException e)
            {
                error.WriteLine(e.Message);
                return ConsulFailed;
            }
        });
        return command;
    }

    private static async Task<int> ApplyAsync(PushPlan plan, ConsulHttpClient client, string target, int inputCount, bool dryRun, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        output.WriteLine($"{(dryRun ? "Would push" : "Pushing")} {inputCount} key(s) to {target} in Consul at {client.Options}:");
        foreach (var change in plan.Changes)
        {
            output.WriteLine($"  {change}");
        }

        output.WriteLine($"  = {plan.Unchanged} unchanged");
        var transactions = plan.Transactions;
        if (plan.Changes.Count == 0)
        {
            output.WriteLine("Nothing to change.");
            return CliApplication.Ok;
        }

        var split = transactions.Count > 1
            ? $"{plan.Changes.Count} operations are more than Consul's {ConsulTxnOperation.MaxPerTransaction} per transaction: they go in {transactions.Count} transactions, one after another, so the push is NOT atomic as a whole (a failure part-way leaves the earlier transactions applied)."
            : null;
        if (dryRun)
        {
            output.WriteLine($"Dry run: {plan.Changes.Count} change(s), nothing written.{(split is null ? string.Empty : " " + split)}");
            return CliApplication.Ok;
        }

        if (split is not null)
        {
            error.WriteLine($"warning: {split}");
        }

        for (var i = 0; i < transactions.Count; i++)
        {
            var operations = transactions[i];
            var result = await client.TransactAsync(operations, cancellationToken);
            if (!result.Committed)
            {
                foreach (var (opIndex, what) in result.Errors)
                {
                    var key = opIndex >= 0 && opIndex < operations.Length ? operations[opIndex].Key : "(unknown key)";
                    error.WriteLine($"'{key}' changed in Consul since it was read (someone else edited it), so nothing of transaction {i + 1} of {transactions.Count} was applied: {what}");
                }

                error.WriteLine(i == 0
                    ? "Nothing was written. Run the push again (or --dry-run) to see the changes against what Consul holds now."
                    : $"Transactions 1 to {i} of {transactions.Count} were applied; {i + 1} to {transactions.Count} were not. Run the push again to finish against what Consul holds now.");
                return Conflict;
            }
        }

        output.WriteLine($"Pushed {plan.Changes.Count} change(s) in {transactions.Count} transaction(s).");
        return CliApplication.Ok;
    }

    /// <summary>Consul as a service finds it (variables, token, TLS), with the address and token file given here put over it.</summary>
    private static ConsulClientOptions Locate(string? address, string? tokenFile)
    {
        var section = new ConsulClientSection
        {
            Address = address is null ? null : ConsulLocator.ParseAddress(address, "http"),
            AddressOrigin = "--consul",
            Token = tokenFile is null ? null : File.ReadAllText(tokenFile).Trim(),
        };
        return section.ApplyTo(ConsulLocator.Locate(new ConsulKvConfigurationSource())).Options;
    }
}
