namespace GridSearch.Cli.Api;

/// <summary>A search as GET /api/searches/{id} returns it.</summary>
internal sealed record Search(
    long Id,
    string Name,
    string Dataset,
    string Model,
    string Status,
    int TrialCount,
    TrialCounts Counts,
    LeaderboardEntry? Best,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt)
{
    /// <summary>Completed or cancelled: nothing more will change, so a watch can stop.</summary>
    public bool IsOver => Status is "completed" or "cancelled";
}
