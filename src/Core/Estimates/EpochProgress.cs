namespace GridSearch.Core.Estimates;

/// <summary>
/// A search's progress counted in epochs: <paramref name="Done"/> of <paramref name="Planned"/>, where a
/// queued or running trial plans its config's epochs and a finished one the epochs it ran (so trials that
/// stop early shrink the plan). The time left is the epochs left at the mean seconds per epoch this
/// search has trained so far, shared by the <paramref name="Workers"/> slots running it (at least 1);
/// unknown (null) until its first epoch ends, none once it is over.
/// </summary>
/// <param name="SecondsPerEpoch">Mean seconds of the epochs this search trained (cached ones were not); null before the first.</param>
public sealed record EpochProgress(int Done, int Planned, double? SecondsPerEpoch, int Workers)
{
    public double? EstimatedSecondsLeft(bool over) =>
        over ? 0 : SecondsPerEpoch * Math.Max(0, Planned - Done) / Math.Max(1, Workers);
}
