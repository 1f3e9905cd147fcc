using System.Numerics;

namespace GridSearch.Domain.Sampling;

/// <summary>log Σ exp(tᵢ) of a mixture's log terms, shifted by the largest so that nothing overflows, with the
/// exponentials taken a vector at a time.</summary>
internal static class LogSumExp
{
    /// <summary>The floor of a shifted term: e^−700 is 1e-304, nothing beside the largest term's 1, and the
    /// vector exponential takes a slow scalar path for each lane that would underflow.</summary>
    private const double Floor = -700;

    public static double Of(ReadOnlySpan<double> terms)
    {
        var max = Max(terms);
        return double.IsNegativeInfinity(max) || double.IsNaN(max) ? max : max + Math.Log(SumExp(terms, max));
    }

    private static double Max(ReadOnlySpan<double> values)
    {
        var max = double.NegativeInfinity;
        var i = 0;
        if (Vector.IsHardwareAccelerated && values.Length >= Vector<double>.Count)
        {
            var vectorMax = new Vector<double>(double.NegativeInfinity);
            for (; i <= values.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                vectorMax = Vector.Max(vectorMax, new Vector<double>(values[i..]));
            }

            for (var j = 0; j < Vector<double>.Count; j++)
            {
                max = Math.Max(max, vectorMax[j]);
            }
        }

        for (; i < values.Length; i++)
        {
            max = Math.Max(max, values[i]);
        }

        return max;
    }

    /// <summary>Σ exp(t − max).</summary>
    private static double SumExp(ReadOnlySpan<double> terms, double max)
    {
        var sum = 0.0;
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var shift = new Vector<double>(max);
            var floor = new Vector<double>(Floor);
            var vectorSum = Vector<double>.Zero;
            for (; i <= terms.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                vectorSum += Vector.Exp(Vector.Max(new Vector<double>(terms[i..]) - shift, floor));
            }

            sum = Vector.Sum(vectorSum);
        }

        for (; i < terms.Length; i++)
        {
            sum += Math.Exp(Math.Max(terms[i] - max, Floor));
        }

        return sum;
    }
}
