using System.Buffers;
using System.Numerics;

namespace GridSearch.Domain.Sampling;

/// <summary>
/// Optuna's multivariate Parzen estimator (Falkner et al. 2018, BOHB's kernel density): one mixture over the whole
/// space whose components are the observations and the prior, each a product of per-axis kernels
/// (<see cref="CategoricalKernels"/>, <see cref="RangeKernels"/>), weighted as in the univariate estimator. A draw
/// picks a component by weight, then each axis from that component's kernel, so values that were good together
/// stay together.
/// </summary>
internal sealed class JointDensity
{
    private readonly IAxisKernels[] axes;
    private readonly double[] logWeight;
    private readonly double[] cumulativeWeight;

    public JointDensity(SpaceEncoding encoding, List<double[]> points, TpeOptions options)
    {
        var n = points.Count;
        var weights = TpeOptions.Weights(n);
        var total = options.PriorWeight + weights.Sum();
        logWeight = new double[n + 1];
        cumulativeWeight = new double[n + 1];
        var sum = 0.0;
        for (var i = 0; i <= n; i++)
        {
            var weight = (i < n ? weights[i] : options.PriorWeight) / total;
            sum += weight;
            cumulativeWeight[i] = sum;
            logWeight[i] = Math.Log(weight);
        }

        axes = new IAxisKernels[encoding.Dimensions];
        var column = new double[n];
        for (var a = 0; a < axes.Length; a++)
        {
            for (var i = 0; i < n; i++)
            {
                column[i] = points[i][a];
            }

            axes[a] = encoding.Scales[a] is { } scale
                ? new RangeKernels(scale, column, axes.Length, options)
                : new CategoricalKernels(encoding.Axis(a).Choices!.Count, column, options.PriorWeight);
        }
    }

    private int Components => logWeight.Length;

    public double[] Sample(Random random)
    {
        var k = CumulativeWeights.Draw(cumulativeWeight, random);
        var point = new double[axes.Length];
        for (var a = 0; a < axes.Length; a++)
        {
            point[a] = axes[a].Sample(k, random);
        }

        return point;
    }

    /// <summary>log p(x) of each point: log Σᵢ wᵢ Πₐ kᵢₐ(xₐ). Per axis, each distinct value's column of kernel
    /// logarithms is computed once and added to the rows of the points that hold it.</summary>
    public void LogDensities(IReadOnlyList<double[]> points, Span<double> result)
    {
        var m = points.Count;
        var k = Components;
        // A row of component terms per point: a few hundred kilobytes at a thousand observations, so pooled, not
        // allocated afresh (and page-faulted in) each suggestion.
        var rows = ArrayPool<double>.Shared.Rent(m * k);
        for (var p = 0; p < m; p++)
        {
            logWeight.CopyTo(rows, p * k);
        }

        var column = new double[k];
        var order = new int[m];
        var values = new double[m];
        for (var a = 0; a < axes.Length; a++)
        {
            for (var p = 0; p < m; p++)
            {
                order[p] = p;
                values[p] = points[p][a];
            }

            Array.Sort(values, order);
            for (var p = 0; p < m; p++)
            {
                if (p == 0 || values[p] != values[p - 1])
                {
                    axes[a].LogKernels(values[p], column);
                }

                Add(rows.AsSpan(order[p] * k, k), column);
            }
        }

        for (var p = 0; p < m; p++)
        {
            result[p] = LogSumExp.Of(rows.AsSpan(p * k, k));
        }

        ArrayPool<double>.Shared.Return(rows);
    }

    private static void Add(Span<double> row, ReadOnlySpan<double> column)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= row.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                (new Vector<double>(row[i..]) + new Vector<double>(column[i..])).CopyTo(row[i..]);
            }
        }

        for (; i < row.Length; i++)
        {
            row[i] += column[i];
        }
    }
}
