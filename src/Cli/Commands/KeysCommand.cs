using System.CommandLine;
using System.Globalization;
using GridSearch.Cli.Rendering;
using Spectre.Console;

namespace GridSearch.Cli.Commands;

/// <summary>gridsearch keys create|list|revoke: API keys, with an admin key.</summary>
internal sealed class KeysCommand : Command
{
    private static readonly string[] Scopes = ["read", "submit", "admin"];

    public KeysCommand(CliContext context)
        : base("keys", "Create, list and revoke API keys (needs an admin key once the API has keys)")
    {
        Add(Create(context));
        Add(List(context));
        Add(Revoke(context));
    }

    private static Command Create(CliContext context)
    {
        var name = new Option<string>("--name") { Description = "Who or what the key is for", Required = true, HelpName = "name" };
        var scope = new Option<string>("--scope")
        {
            Description = "read; submit (read, submit, cancel its own searches); admin (everything)",
            Required = true,
            HelpName = "scope",
        };
        scope.AcceptOnlyFromAmong(Scopes);
        var command = new Command("create", "Create a key and print its secret, shown this once") { name, scope };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var key = await context.Client(parseResult).CreateKeyAsync(parseResult.GetValue(name)!, parseResult.GetValue(scope)!, cancellationToken);
            await context.Errors.WriteLineAsync($"created key {key.Id} ({key.Name}, {key.Scope}); its secret is shown this once:");
            await context.Out.WriteLineAsync(key.Secret);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command List(CliContext context)
    {
        var command = new Command("list", "Every key, revoked ones too (never their secrets)");
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var keys = await context.Client(parseResult).ListKeysAsync(cancellationToken);
            var table = new Table().AddColumns("id", "name", "scope", "created", "revoked");
            foreach (var key in keys)
            {
                table.AddRow(
                    key.Id.ToString(CultureInfo.InvariantCulture),
                    Markup.Escape(key.Name),
                    key.Scope,
                    Formats.Timestamp(key.CreatedAt),
                    Formats.Timestamp(key.RevokedAt));
            }

            context.Console.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Revoke(CliContext context)
    {
        var id = new Argument<long>("id") { Description = "The key's id, as keys list shows it" };
        var command = new Command("revoke", "Revoke a key: requests with it are refused from now on") { id };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var key = await context.Client(parseResult).RevokeKeyAsync(parseResult.GetValue(id), cancellationToken);
            context.Console.MarkupLine(Markup.Escape($"revoked key {key.Id} ({key.Name}, {key.Scope})."));
            return ExitCodes.Success;
        });
        return command;
    }
}
