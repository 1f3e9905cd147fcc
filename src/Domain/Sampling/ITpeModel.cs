namespace GridSearch.Domain.Sampling;

/// <summary>One suggestion's l(x) and g(x): a round of candidates drawn from l, the best untaken by
/// log l(x) − log g(x), and that score for any point.</summary>
internal interface ITpeModel
{
    /// <summary>A fresh round of candidates' best point that <paramref name="isTaken"/> does not refuse, asking it
    /// at most <paramref name="budget"/> times; null when none is found.</summary>
    double[]? BestUntaken(Random random, Func<double[], bool>? isTaken, int budget);

    /// <summary>log l(x) − log g(x) of a whole point.</summary>
    double Score(double[] point);
}
