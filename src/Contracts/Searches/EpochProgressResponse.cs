namespace GridSearch.Contracts.Searches;

/// <summary>A search's progress in epochs: <see cref="Done"/> of <see cref="Planned"/> (a finished trial
/// plans the epochs it ran, so early stops shrink the plan), and the estimated seconds left (null until
/// its first epoch ends; 0 once it is over).</summary>
public sealed record EpochProgressResponse(int Done, int Planned, double? EstimatedSecondsLeft);
