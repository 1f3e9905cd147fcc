namespace GridSearch.EstimateBench;

/// <summary>One example's figures: the trials it trained, what its dry run rested on (basis, rate factor), the dry
/// run's estimated wall seconds, the actual ones, and the status's estimate of the whole at its first epoch and at half
/// its planned epochs (NaN where the bench's polls missed it).</summary>
internal sealed record Outcome(string Name, int Trials, string Basis, double Factor, double Estimated, double Actual, double StatusAtFirstEpoch, double StatusAtHalf);
