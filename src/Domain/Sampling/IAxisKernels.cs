namespace GridSearch.Domain.Sampling;

/// <summary>One axis of a joint Parzen estimator: per component (each observation, then the prior) a kernel over
/// the axis, whose logarithms at a value come out as a column, one entry per component.</summary>
internal interface IAxisKernels
{
    /// <summary>log kᵢ(value) for every component i, into <paramref name="column"/> (one entry per component).</summary>
    void LogKernels(double value, Span<double> column);

    /// <summary>A draw from one component's kernel.</summary>
    double Sample(int component, Random random);
}
