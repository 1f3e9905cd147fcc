namespace GridSearch.Domain.Analysis;

/// <summary>The few statistics the analysis, the pruners and the benches need, over plain lists (population
/// forms throughout).</summary>
public static class Statistics
{
    public static double Mean(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.Count == 0 ? double.NaN : values.Average();
    }

    /// <summary>The middle value; the mean of the two middle ones for an even count; NaN for none.</summary>
    public static double Median(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    public static double StandardDeviation(IReadOnlyList<double> values)
    {
        var mean = Mean(values);
        return values.Count == 0 ? double.NaN : Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count);
    }

    /// <summary>The share of <paramref name="values"/>' variance that the groups' means explain:
    /// Σ n·(group mean − mean)² / Σ (value − mean)². 0 when the values do not vary.</summary>
    public static double ExplainedShare(IReadOnlyList<double> values, IEnumerable<IReadOnlyList<double>> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var mean = Mean(values);
        var total = values.Sum(v => (v - mean) * (v - mean));
        if (total <= 0)
        {
            return 0;
        }

        var between = groups.Sum(g => g.Count * (Mean(g) - mean) * (Mean(g) - mean));
        return Math.Clamp(between / total, 0, 1);
    }

    /// <summary>The share of the values' variance that lies within the groups, between the values of one group:
    /// Σ_groups Σ (value − group mean)² / Σ (value − mean)², where <paramref name="values"/> are the groups'
    /// values together; 1 − <see cref="ExplainedShare"/> of the same groups. 0 when the values do not vary.</summary>
    public static double WithinShare(IReadOnlyList<double> values, IEnumerable<IReadOnlyList<double>> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var mean = Mean(values);
        var total = values.Sum(v => (v - mean) * (v - mean));
        if (total <= 0)
        {
            return 0;
        }

        var within = groups.Sum(g =>
        {
            var groupMean = Mean(g);
            return g.Sum(v => (v - groupMean) * (v - groupMean));
        });
        return Math.Clamp(within / total, 0, 1);
    }

    /// <summary>Spearman's rank correlation (ties get their average rank); null for fewer than three
    /// pairs or when either side does not vary.</summary>
    public static double? Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
        {
            throw new ArgumentException("x and y must pair up.", nameof(y));
        }

        return x.Count < 3 ? null : Pearson(Ranks(x), Ranks(y));
    }

    private static double? Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var (mx, my) = (Mean(x), Mean(y));
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Count; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }

        return sxx <= 0 || syy <= 0 ? null : sxy / Math.Sqrt(sxx * syy);
    }

    private static double[] Ranks(IReadOnlyList<double> values)
    {
        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Count];
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[start]])
            {
                end++;
            }

            for (var k = start; k <= end; k++)
            {
                ranks[order[k]] = (start + end) / 2.0 + 1;
            }

            start = end + 1;
        }

        return ranks;
    }
}
