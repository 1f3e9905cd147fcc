namespace GridSearch.Core.Trials;

public sealed class InvalidTrialTransitionException(long trialId, TrialStatus from, string action)
    : InvalidOperationException($"Trial {trialId} cannot {action} while {from.ToString().ToLowerInvariant()}.")
{
    public TrialStatus From { get; } = from;
}
