namespace GridSearch.Core.Estimates;

/// <summary>
/// A search's progress counted in epochs: <paramref name="Done"/> of <paramref name="Planned"/>, where a
/// queued or running trial plans its config's epochs and a finished one the epochs it ran (so trials that
/// stop early shrink the plan), and the seconds until its last trial ends (<paramref name="SecondsLeft"/>,
/// from <see cref="QueueState.SecondsUntilDone"/> at the rates of <see cref="MeasuredRates.For(ActiveTrial, long?)"/>).
/// </summary>
public sealed record EpochProgress(int Done, int Planned, double? SecondsLeft)
{
    public double? EstimatedSecondsLeft(bool over) => over ? 0 : SecondsLeft;
}
