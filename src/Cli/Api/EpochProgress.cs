namespace GridSearch.Cli.Api;

/// <summary>A search's progress in epochs (GET /api/searches/{id}): done of planned, and the seconds left.</summary>
internal sealed record EpochProgress(int Done, int Planned, double? EstimatedSecondsLeft);
