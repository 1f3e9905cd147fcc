using GridSearch.Core.Trials;
using GridSearch.Domain.Trials;

namespace GridSearch.Api.Snapshots;

/// <summary>The columns of a trial whose change the dashboard shows; compared read to read.</summary>
internal sealed record TrialState(long Id, TrialStatus Status, int Attempts, string? Worker, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, double? TestAccuracy, string? Error)
{
    public static TrialState Of(Trial trial) =>
        new(trial.Id, trial.Status, trial.Attempts, trial.Worker, trial.StartedAt, trial.FinishedAt, trial.TestAccuracy, trial.Error);
}
