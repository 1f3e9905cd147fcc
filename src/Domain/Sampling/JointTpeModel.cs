namespace GridSearch.Domain.Sampling;

/// <summary>One suggestion's joint estimators (Optuna's <c>multivariate=True</c>): l(x) over the below points and
/// g(x) over the above ones, each a <see cref="JointDensity"/>; <see cref="TpeOptions.Candidates"/> points drawn
/// from l, ranked by log l(x) − log g(x), the first untaken one wins.</summary>
internal sealed class JointTpeModel(SpaceEncoding encoding, List<double[]> below, List<double[]> above, TpeOptions options) : ITpeModel
{
    private readonly JointDensity good = new(encoding, below, options);
    private readonly JointDensity bad = new(encoding, above, options);

    public double[]? BestUntaken(Random random, Func<double[], bool>? isTaken, int budget)
    {
        var candidates = new List<double[]>(options.Candidates);
        var distinct = new HashSet<double[]>(PointComparer.Instance);
        for (var i = 0; i < options.Candidates; i++)
        {
            var point = good.Sample(random);
            if (distinct.Add(point))
            {
                candidates.Add(point);
            }
        }

        var scores = Scores(candidates);
        var order = new int[candidates.Count];
        for (var c = 0; c < order.Length; c++)
        {
            order[c] = c;
        }

        // Best first; equal scores in the order drawn.
        Array.Sort(order, (x, y) => scores[x] != scores[y] ? scores[y].CompareTo(scores[x]) : x.CompareTo(y));
        for (var tries = 0; tries < Math.Min(budget, order.Length); tries++)
        {
            var point = candidates[order[tries]];
            if (isTaken is null || !isTaken(point))
            {
                return point;
            }
        }

        return null;
    }

    public double Score(double[] point) => Scores([point])[0];

    private double[] Scores(List<double[]> points)
    {
        var scores = new double[points.Count];
        var above = new double[points.Count];
        good.LogDensities(points, scores);
        bad.LogDensities(points, above);
        for (var p = 0; p < points.Count; p++)
        {
            scores[p] -= above[p];
        }

        return scores;
    }
}
