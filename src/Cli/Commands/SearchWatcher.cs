using GridSearch.Cli.Api;
using GridSearch.Cli.Rendering;
using Spectre.Console;

namespace GridSearch.Cli.Commands;

/// <summary>Shows a search's progress once, or follows it until it is completed or cancelled: a live
/// redraw on a terminal, one plain line per refresh elsewhere.</summary>
internal sealed class SearchWatcher(CliContext context, GridSearchClient client)
{
    private SearchStatusView? view;

    public async Task ShowAsync(long id, CancellationToken cancellationToken)
    {
        var search = await client.GetSearchAsync(id, cancellationToken);
        context.Console.Write((await ViewAsync(cancellationToken)).Render(search, context.Now));
    }

    public async Task WatchAsync(long id, TimeSpan interval, CancellationToken cancellationToken)
    {
        var search = await client.GetSearchAsync(id, cancellationToken);
        if (!context.IsInteractive)
        {
            while (true)
            {
                context.Out.WriteLine((await ViewAsync(cancellationToken)).Line(search, context.Now));
                context.Out.Flush();
                if (search.IsOver)
                {
                    return;
                }

                await Task.Delay(interval, context.Time, cancellationToken);
                search = await client.GetSearchAsync(id, cancellationToken);
            }
        }

        var first = (await ViewAsync(cancellationToken)).Render(search, context.Now);
        await context.Console.Live(first).AutoClear(false).StartAsync(async live =>
        {
            while (!search.IsOver)
            {
                await Task.Delay(interval, context.Time, cancellationToken);
                search = await client.GetSearchAsync(id, cancellationToken);
                live.UpdateTarget((await ViewAsync(cancellationToken)).Render(search, context.Now));
                live.Refresh();
            }
        });
    }

    /// <summary>The view, which describes the best result with the search's axes as the vocabulary
    /// names and prints them; made once, as the vocabulary does not change while a search runs.</summary>
    private async Task<SearchStatusView> ViewAsync(CancellationToken cancellationToken) =>
        view ??= new SearchStatusView(new Hyperparameters(await client.GetVocabularyAsync(cancellationToken)));
}
