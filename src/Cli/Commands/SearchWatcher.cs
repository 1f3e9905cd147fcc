using GridSearch.Cli.Api;
using GridSearch.Cli.Rendering;
using Spectre.Console;

namespace GridSearch.Cli.Commands;

/// <summary>Shows a search's progress once, or follows it until it is completed or cancelled: a live
/// redraw on a terminal, one plain line per refresh elsewhere.</summary>
internal sealed class SearchWatcher(CliContext context, GridSearchClient client)
{
    private IReadOnlyList<string>? varyingKeys;

    public async Task ShowAsync(long id, CancellationToken cancellationToken)
    {
        var search = await client.GetSearchAsync(id, cancellationToken);
        var view = await ViewAsync(search, cancellationToken);
        context.Console.Write(view.Render(search, context.Now));
    }

    public async Task WatchAsync(long id, TimeSpan interval, CancellationToken cancellationToken)
    {
        var search = await client.GetSearchAsync(id, cancellationToken);
        if (!context.IsInteractive)
        {
            while (true)
            {
                context.Out.WriteLine((await ViewAsync(search, cancellationToken)).Line(search, context.Now));
                context.Out.Flush();
                if (search.IsOver)
                {
                    return;
                }

                await Task.Delay(interval, context.Time, cancellationToken);
                search = await client.GetSearchAsync(id, cancellationToken);
            }
        }

        var first = (await ViewAsync(search, cancellationToken)).Render(search, context.Now);
        await context.Console.Live(first).AutoClear(false).StartAsync(async live =>
        {
            while (!search.IsOver)
            {
                await Task.Delay(interval, context.Time, cancellationToken);
                search = await client.GetSearchAsync(id, cancellationToken);
                live.UpdateTarget((await ViewAsync(search, cancellationToken)).Render(search, context.Now));
                live.Refresh();
            }
        });
    }

    /// <summary>The view, once there is a best result to describe with the search's varying
    /// hyperparameters; those are read from the trials once, as they never change.</summary>
    private async Task<SearchStatusView> ViewAsync(Search search, CancellationToken cancellationToken)
    {
        if (varyingKeys is null && search.Best is not null)
        {
            var trials = await client.GetTrialsAsync(search.Id, status: null, sort: null, limit: null, cancellationToken);
            varyingKeys = Hyperparameters.Varying(trials.Select(t => t.Config));
        }

        return new SearchStatusView(varyingKeys ?? []);
    }
}
