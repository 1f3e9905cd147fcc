namespace GridSearch.Domain.Analysis;

/// <summary>
/// A search's optimization history, as Optuna's plot_optimization_history draws it: each finished trial's value in
/// the order they finished, and the best so far. A pruned trial is shown with the value it stopped at but does not
/// count toward the best: it was not trained to the end, so its value is not one the search could pick (the
/// leaderboards leave it out alike); nor does a trial without a finite value of the metric.
/// </summary>
public static class OptimizationHistory
{
    public static IReadOnlyList<HistoryStep> Of(IEnumerable<(long TrialId, string? ChosenBy, double? Value, bool Pruned)> finished, bool higherIsBetter)
    {
        ArgumentNullException.ThrowIfNull(finished);
        var steps = new List<HistoryStep>();
        double? best = null;
        foreach (var (trialId, chosenBy, value, pruned) in finished)
        {
            var finite = value is { } v && double.IsFinite(v) ? value : null;
            if (!pruned && finite is { } candidate && (best is not { } current || (higherIsBetter ? candidate > current : candidate < current)))
            {
                best = candidate;
            }

            steps.Add(new HistoryStep(steps.Count + 1, trialId, chosenBy, finite, best, pruned));
        }

        return steps;
    }
}
