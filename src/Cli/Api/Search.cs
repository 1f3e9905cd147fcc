namespace GridSearch.Cli.Api;

/// <summary>A search as GET /api/searches/{id} returns it, as much of it as the CLI shows; <see cref="Axes"/>
/// are the axes it varies, in grid order (its trials' grid points have these).</summary>
internal sealed record Search(
    long Id,
    string Name,
    string Dataset,
    string Model,
    string Status,
    int TrialCount,
    TrialCounts Counts,
    LeaderboardEntry? Best,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt)
{
    public IReadOnlyList<string> Axes { get; init; } = [];

    /// <summary>The limit of its definition that stopped it (time_limit, target_reached, max_trials); null while none has.</summary>
    public string? StopReason { get; init; }

    /// <summary>Completed or cancelled: nothing more will change, so a watch can stop.</summary>
    public bool IsOver => Status is "completed" or "cancelled";
}
