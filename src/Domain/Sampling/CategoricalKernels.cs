namespace GridSearch.Domain.Sampling;

/// <summary>
/// A categorical axis's kernels in a joint estimator, as Optuna builds them: an observation's kernel puts
/// 1 + w/k on its own choice and w/k on every choice (w the prior weight, k the kernels: observations + the
/// prior), normalised; the prior's is uniform. So a kernel takes two values only: its choice's and the others'.
/// </summary>
internal sealed class CategoricalKernels : IAxisKernels
{
    private readonly int choices;
    private readonly int[] own;
    private readonly double logHit;
    private readonly double logMiss;
    private readonly double hitShare;

    public CategoricalKernels(int choices, ReadOnlySpan<double> indices, double priorWeight)
    {
        this.choices = choices;
        own = new int[indices.Length];
        for (var i = 0; i < indices.Length; i++)
        {
            own[i] = (int)indices[i];
        }

        var kernels = indices.Length + 1;
        var norm = 1 + (priorWeight * choices / kernels);
        logHit = Math.Log((1 + (priorWeight / kernels)) / norm);
        logMiss = Math.Log(priorWeight / kernels / norm);
        hitShare = 1 / norm;
    }

    public void LogKernels(double value, Span<double> column)
    {
        var choice = (int)value;
        for (var i = 0; i < own.Length; i++)
        {
            column[i] = own[i] == choice ? logHit : logMiss;
        }

        column[own.Length] = -Math.Log(choices);
    }

    public double Sample(int component, Random random)
    {
        // An observation's kernel is its own choice with probability 1 / norm, else uniform over all choices.
        return component < own.Length && random.NextDouble() < hitShare ? own[component] : random.Next(choices);
    }
}
