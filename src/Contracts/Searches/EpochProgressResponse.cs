namespace GridSearch.Contracts.Searches;

/// <summary>A search's progress in epochs: <see cref="Done"/> of <see cref="Planned"/> (a finished trial
/// plans the epochs it ran, so early stops shrink the plan), and the estimated seconds until its last trial
/// ends: the plan's estimate until its first epoch, then the plan blended with the rate its own epochs ran
/// at; 0 once it is over.</summary>
public sealed record EpochProgressResponse(int Done, int Planned, double? EstimatedSecondsLeft);
