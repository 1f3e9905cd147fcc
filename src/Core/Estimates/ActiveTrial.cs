using GridSearch.Domain.Vocabulary;

namespace GridSearch.Core.Estimates;

/// <summary>A queued or running trial as the estimates see it: its search, what it trains and the epochs it has done.</summary>
public sealed record ActiveTrial(long SearchId, Dataset Dataset, ModelFamily Model, TrialCost Cost, int EpochsDone)
{
    /// <summary>Its planned epochs still to train (an upper bound: early stopping and pruners only shorten it);
    /// then it ends.</summary>
    public int EpochsLeft => Math.Max(0, Cost.Epochs - EpochsDone);
}
