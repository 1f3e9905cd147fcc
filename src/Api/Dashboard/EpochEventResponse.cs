using GridSearch.Domain.Trials;

namespace GridSearch.Api.Dashboard;

/// <summary>One epoch as a search's event stream sends it: the epoch of <see cref="TrialId"/>.</summary>
public sealed record EpochEventResponse(long TrialId, int Epoch, double TrainLoss, double TrainAccuracy, double? ValLoss, double? ValAccuracy, double LearningRate, double Seconds)
{
    public static EpochEventResponse From(Epoch epoch)
    {
        ArgumentNullException.ThrowIfNull(epoch);
        return new EpochEventResponse(epoch.TrialId, epoch.Number, epoch.TrainLoss, epoch.TrainAccuracy, epoch.ValLoss, epoch.ValAccuracy, epoch.LearningRate, epoch.Seconds);
    }
}
