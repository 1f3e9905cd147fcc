namespace GridSearch.Domain.Sampling;

/// <summary>One suggestion's estimators: per axis, l(x) over the below points and g(x) over the above ones,
/// with the scores log l(x) − log g(x) of the values met so far kept per axis.</summary>
internal sealed class TpeModel
{
    private readonly TpeOptions options;
    private readonly IAxisDensity[] good;
    private readonly IAxisDensity[] bad;
    private readonly Dictionary<double, double>[] scores;

    public TpeModel(SpaceEncoding encoding, List<double[]> below, List<double[]> above, TpeOptions options)
    {
        this.options = options;
        var dimensions = encoding.Dimensions;
        good = new IAxisDensity[dimensions];
        bad = new IAxisDensity[dimensions];
        scores = new Dictionary<double, double>[dimensions];
        var belowWeights = TpeOptions.Weights(below.Count);
        var aboveWeights = TpeOptions.Weights(above.Count);
        var belowColumn = new double[below.Count];
        var aboveColumn = new double[above.Count];
        for (var a = 0; a < dimensions; a++)
        {
            for (var i = 0; i < below.Count; i++)
            {
                belowColumn[i] = below[i][a];
            }

            for (var i = 0; i < above.Count; i++)
            {
                aboveColumn[i] = above[i][a];
            }

            good[a] = Density(encoding, a, belowColumn, belowWeights);
            bad[a] = Density(encoding, a, aboveColumn, aboveWeights);
            scores[a] = [];
        }
    }

    /// <summary>A round of candidates: per axis, <see cref="TpeOptions.Candidates"/> draws from l(x), distinct,
    /// with their scores, best first.</summary>
    public List<(double Value, double Score)[]> Candidates(Random random)
    {
        var rounds = new List<(double Value, double Score)[]>(good.Length);
        for (var a = 0; a < good.Length; a++)
        {
            var values = new HashSet<double>();
            for (var i = 0; i < options.Candidates; i++)
            {
                values.Add(good[a].Sample(random));
            }

            rounds.Add([.. values.Select(v => (v, AxisScore(a, v))).OrderByDescending(c => c.Item2)]);
        }

        return rounds;
    }

    /// <summary>log l(x) − log g(x) of a whole point: the sum over its axes.</summary>
    public double Score(double[] point)
    {
        var score = 0.0;
        for (var a = 0; a < point.Length; a++)
        {
            score += AxisScore(a, point[a]);
        }

        return score;
    }

    private double AxisScore(int axis, double value)
    {
        if (!scores[axis].TryGetValue(value, out var score))
        {
            score = good[axis].LogDensity(value) - bad[axis].LogDensity(value);
            scores[axis][value] = score;
        }

        return score;
    }

    private IAxisDensity Density(SpaceEncoding encoding, int axis, double[] column, double[] weights) =>
        encoding.Scales[axis] is { } scale
            ? new RangeDensity(scale, column, weights, options)
            : new CategoricalDensity(encoding.Axis(axis).Choices!.Count, column, weights, options.PriorWeight);
}
