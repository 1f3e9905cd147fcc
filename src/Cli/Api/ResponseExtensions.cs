
namespace GridSearch.Cli.Api;

/// <summary>What the CLI derives from the API's responses, so the contracts stay plain shapes.</summary>
internal static class ResponseExtensions
{
    extension(SearchResponse search)
    {
        /// <summary>Completed or cancelled: nothing more will change, so a watch can stop.</summary>
        public bool IsOver => search.Status is "completed" or "cancelled";
    }

    extension(TrialCountsResponse counts)
    {
        /// <summary>Trials that ran to their end, succeeded or failed; cancelled ones did not and are counted apart.</summary>
        public int Finished => counts.Succeeded + counts.Failed;
    }

    extension(TrialResponse trial)
    {
        public TimeSpan? Duration => trial.StartedAt is { } started && trial.FinishedAt is { } finished ? finished - started : null;
    }
}
