using System.Globalization;
using GridSearch.Cli.Api;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace GridSearch.Cli.Rendering;

/// <summary>A search's progress: the bar, the counts, elapsed and estimated time left, and the best
/// result so far with the hyperparameters that set it apart (its grid point).</summary>
internal sealed class SearchStatusView(Hyperparameters hyperparameters)
{
    public IRenderable Render(SearchResponse search, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(search);
        var estimate = ProgressEstimate.Of(search, now);
        var counts = search.Counts;
        var rows = new List<IRenderable>
        {
            new Markup($"[bold]search {search.Id}[/] {Markup.Escape(search.Name)} [grey]({Markup.Escape(search.Dataset)}, {Markup.Escape(search.Model)})[/] {StatusMarkup(search.Status)}{Markup.Escape(Stopped(search))}"),
            new Columns(
                EpochsOf(search) is { } epochs ? ProgressBar.OfEpochs(epochs) : ProgressBar.Of(counts, search.TrialCount),
                new Markup($"[bold]{Fraction(estimate)}[/] finished{(counts.Cancelled > 0 ? $" · {counts.Cancelled} cancelled" : "")}{Markup.Escape(EpochsDone(search, " · "))}")) { Expand = false },
            new Markup(Markup.Escape(Counts(counts))),
            new Markup(Markup.Escape(Times(search, estimate))),
            new Markup(search.Best is { } best
                ? $"best  [bold green]{Formats.Metric(best.TestAccuracy)}[/] test accuracy (loss {Formats.Metric(best.TestLoss)}), trial {best.TrialId}: {Markup.Escape(Keys(search, best))}"
                : "best  [grey]none yet[/]"),
        };
        return new Rows(rows);
    }

    /// <summary>The same in one plain line, for logs and redirected output.</summary>
    public string Line(SearchResponse search, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(search);
        var estimate = ProgressEstimate.Of(search, now);
        var best = search.Best is { } b
            ? $"best test accuracy {Formats.Metric(b.TestAccuracy)} (trial {b.TrialId}: {Keys(search, b)})"
            : "best none yet";
        return $"[{now.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture)}] search {search.Id} {search.Status}{Stopped(search)}: "
            + $"{Fraction(estimate)} finished, {Counts(search.Counts)}, {Times(search, estimate)}{EpochsDone(search, ", ")}, {best}";
    }

    private string Keys(SearchResponse search, LeaderboardEntryResponse best) =>
        hyperparameters.Describe(hyperparameters.For(search, best.Config), best.GridPoint, best.Config);

    private static string Stopped(SearchResponse search) => search.StopReason is { } reason ? $" (stopped: {reason})" : "";

    private static string Fraction(ProgressEstimate estimate) =>
        $"{estimate.Finished}/{estimate.Total} ({Formats.Percent(estimate.Finished, estimate.Total)})";

    /// <summary>"12/90 epochs (13%)" after <paramref name="separator"/>, or nothing when progress is not counted in epochs.</summary>
    private static string EpochsDone(SearchResponse search, string separator) =>
        EpochsOf(search) is { } epochs
            ? $"{separator}{epochs.Done}/{epochs.Planned} epochs ({Formats.Percent(Math.Min(epochs.Done, epochs.Planned), epochs.Planned)})"
            : "";

    /// <summary>The search's epochs when they measure its progress: the API sent them, and no trial was cancelled.
    /// A cancelled trial plans only the epochs it ran, so a cancelled search would read as all done.</summary>
    private static EpochProgressResponse? EpochsOf(SearchResponse search) =>
        search.Epochs is { Planned: > 0 } epochs && search.Counts.Cancelled == 0 ? epochs : null;

    private static string Counts(TrialCountsResponse counts)
    {
        var parts = new List<string> { $"{counts.Running} running", $"{counts.Succeeded} succeeded", $"{counts.Failed} failed", $"{counts.Queued} queued" };
        if (counts.Cancelled > 0)
        {
            parts.Add($"{counts.Cancelled} cancelled");
        }

        return string.Join(", ", parts);
    }

    private static string Times(SearchResponse search, ProgressEstimate estimate) =>
        estimate.Elapsed is not { } elapsed ? "not started yet"
        : search.IsOver ? $"took {Formats.Duration(elapsed)}"
        : estimate.Left is { } left ? $"elapsed {Formats.Duration(elapsed)}, about {Formats.Duration(left)} left"
        : $"elapsed {Formats.Duration(elapsed)}, time left unknown until an epoch ends";

    private static string StatusMarkup(string status) => status switch
    {
        "completed" => "[green]completed[/]",
        "cancelled" => "[grey]cancelled[/]",
        "running" => "[yellow]running[/]",
        _ => Markup.Escape(status),
    };
}
