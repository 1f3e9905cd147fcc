namespace GridSearch.Domain.Sampling;

/// <summary>A mixture's component drawn in proportion to its weight, the weights given as running sums.</summary>
internal static class CumulativeWeights
{
    /// <summary>The first index whose running sum exceeds a uniform draw below the total.</summary>
    public static int Draw(double[] cumulative, Random random)
    {
        var u = random.NextDouble() * cumulative[^1];
        var index = Array.BinarySearch(cumulative, u);
        return Math.Min(index >= 0 ? index + 1 : ~index, cumulative.Length - 1);
    }
}
