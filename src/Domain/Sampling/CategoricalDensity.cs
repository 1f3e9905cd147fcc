namespace GridSearch.Domain.Sampling;

/// <summary>
/// Optuna's categorical Parzen estimator: each observation is a kernel that puts 1 + w/k on its own choice and
/// w/k on every choice (w the prior weight, k the kernels: observations + the prior), normalised; the prior
/// kernel is uniform; the kernels mix with the observations' weights and the prior weight. The mixture is a
/// probability per choice, so it is kept as that.
/// </summary>
internal sealed class CategoricalDensity : IAxisDensity
{
    private readonly double[] cumulative;
    private readonly double[] logProbability;

    public CategoricalDensity(int choices, ReadOnlySpan<double> indices, ReadOnlySpan<double> weights, double priorWeight)
    {
        var probability = new double[choices];
        var kernels = indices.Length + 1;
        var total = priorWeight;
        foreach (var weight in weights)
        {
            total += weight;
        }

        // An observation's kernel, before normalising: priorWeight / kernels everywhere, one more on its choice.
        var kernelNorm = 1 + (priorWeight * choices / kernels);
        var everywhere = priorWeight / total / choices;
        for (var i = 0; i < indices.Length; i++)
        {
            var share = weights[i] / total / kernelNorm;
            probability[(int)indices[i]] += share;
            everywhere += share * priorWeight / kernels;
        }

        cumulative = new double[choices];
        logProbability = new double[choices];
        var sum = 0.0;
        for (var c = 0; c < choices; c++)
        {
            probability[c] += everywhere;
            sum += probability[c];
            cumulative[c] = sum;
            logProbability[c] = Math.Log(probability[c]);
        }
    }

    public double Sample(Random random) => CumulativeWeights.Draw(cumulative, random);

    public double LogDensity(double value) => logProbability[(int)value];
}
