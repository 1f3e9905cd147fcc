using GridSearch.Cli.Api;

namespace GridSearch.Cli.Rendering;

/// <summary>How far a search is and how long is left: the API's estimate from the epochs it has trained
/// when it sends one, otherwise from the rate trials have finished at so far.</summary>
internal sealed record ProgressEstimate(int Total, int Finished, TimeSpan? Elapsed, TimeSpan? Left)
{
    public static ProgressEstimate Of(SearchResponse search, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(search);
        var counts = search.Counts;
        TimeSpan? elapsed = search.StartedAt is { } started ? Max((search.FinishedAt ?? now) - started) : null;
        var trained = counts.Finished;
        TimeSpan? left = null;
        if (search.IsOver)
        {
            left = TimeSpan.Zero;
        }
        else if (search.Epochs?.EstimatedSecondsLeft is { } seconds)
        {
            left = TimeSpan.FromSeconds(seconds);
        }
        else if (elapsed is { } spent && trained > 0)
        {
            // Cancelled trials took no training time, so only trained ones set the rate.
            left = spent * ((double)(counts.Queued + counts.Running) / trained);
        }

        return new ProgressEstimate(search.TrialCount, counts.Finished, elapsed, left);
    }

    private static TimeSpan Max(TimeSpan span) => span < TimeSpan.Zero ? TimeSpan.Zero : span;
}
