namespace GridSearch.Core.Analysis;

/// <summary>Places trials by test accuracy (higher is better), parameter count and training seconds
/// (lower are better) and marks the ones no other trial dominates.</summary>
public static class ParetoFront
{
    /// <summary>Every trial with a parameter count, in the given order, each marked on or off the front.</summary>
    public static IReadOnlyList<ParetoPoint> Of(IEnumerable<AnalysedTrial> trials)
    {
        var points = trials
            .Where(t => t.ParameterCount is not null)
            .Select(t => (t.TrialId, t.TestAccuracy, Parameters: t.ParameterCount!.Value, t.TrainingSeconds))
            .ToList();
        return points
            .Select(p => new ParetoPoint(p.TrialId, p.TestAccuracy, p.Parameters, p.TrainingSeconds,
                OnFront: !points.Any(q => Dominates(q, p))))
            .ToList();

        static bool Dominates((long, double Accuracy, long Parameters, double Seconds) a, (long, double Accuracy, long Parameters, double Seconds) b) =>
            a.Accuracy >= b.Accuracy && a.Parameters <= b.Parameters && a.Seconds <= b.Seconds
            && (a.Accuracy > b.Accuracy || a.Parameters < b.Parameters || a.Seconds < b.Seconds);
    }
}
