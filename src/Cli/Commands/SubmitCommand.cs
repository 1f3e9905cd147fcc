using System.CommandLine;
using Spectre.Console;

namespace GridSearch.Cli.Commands;

/// <summary>gridsearch submit FILE: posts a search definition and prints its id and trial count. A definition
/// submitted before answers with that search (the API's duplicate rule) unless --new asks for another.</summary>
internal sealed class SubmitCommand : GridSearchCommand
{
    private readonly Argument<FileInfo> file = DefinitionFile.Argument();
    private readonly Option<bool> watch = CommonOptions.Watch();
    private readonly Option<double> interval = CommonOptions.Interval();
    private readonly Option<string> idempotencyKey = new("--idempotency-key")
    {
        Description = "Submitting again with the same key returns the first search instead of a second one",
        HelpName = "key",
    };
    private readonly Option<bool> forceNew = new("--new")
    {
        Description = "Make a new search even if this definition was submitted before (else that search answers)",
    };
    private readonly Option<bool> quiet = new("--quiet", "-q")
    {
        Description = "Print only the search's id (for id=$(gridsearch submit FILE -q)); notes go to stderr",
    };

    public SubmitCommand(CliContext context)
        : base(context, "submit", "Submit a grid search; every combination of its grid becomes a queued trial")
    {
        Add(file, watch, interval, idempotencyKey, forceNew, quiet);
        Validators.Add(result =>
        {
            if (result.GetValue(quiet) && result.GetValue(watch))
            {
                result.AddError("--quiet prints only the id; follow the search with: gridsearch status ID --watch");
            }
        });
    }

    protected override async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var path = parseResult.GetRequiredValue(file);
        var definition = await DefinitionFile.ReadAsync(path, cancellationToken);
        var client = Context.Client(parseResult);
        var created = await client.SubmitAsync(definition, parseResult.GetValue(idempotencyKey), parseResult.GetValue(forceNew), cancellationToken);
        var trials = $"{created.TrialCount} trial{(created.TrialCount == 1 ? "" : "s")}";
        var duplicate = $"search {created.Id} ({created.Name}) has this definition already: {trials}, {created.Status}; nothing new was queued (--new makes another search)";
        if (parseResult.GetValue(quiet))
        {
            await Context.Out.WriteLineAsync(created.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (created.Duplicate)
            {
                await Context.Errors.WriteLineAsync(duplicate);
            }

            return ExitCodes.Success;
        }

        Context.Console.MarkupLine(created.Duplicate
            ? Markup.Escape(duplicate)
            : $"submitted search [bold]{created.Id}[/] ({Markup.Escape(created.Name)}): {trials}"
                + $"{(created.Cached > 0 ? $", {created.Cached} answered by the result cache," : "")} {Markup.Escape(created.Status)}");
        if (!parseResult.GetValue(watch))
        {
            Context.Console.MarkupLine($"[grey]follow it with: gridsearch status {created.Id} --watch[/]");
            return ExitCodes.Success;
        }

        await new SearchWatcher(Context, client).WatchAsync(created.Id, TimeSpan.FromSeconds(parseResult.GetValue(interval)), cancellationToken);
        return ExitCodes.Success;
    }
}
