namespace GridSearch.Training.Data;

/// <summary>
/// Seeded, stratified splits of a labelled training set: each class keeps its share in the
/// validation part and in the training subset. The same labels, fractions and seed always give the
/// same rows (System.Random with a seed is a fixed algorithm).
/// </summary>
public static class StratifiedSplit
{
    /// <summary>Holds out round(n·<paramref name="validationFraction"/>) rows for validation, then keeps
    /// <paramref name="trainSize"/> of the rest for training (0, or more than there are, keeps all).</summary>
    public static DataSplit Create(IReadOnlyList<byte> labels, double validationFraction, int trainSize, long seed)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (!(validationFraction > 0 && validationFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "The validation fraction must lie in (0, 1).");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(trainSize);
        var validationCount = (int)Math.Round(labels.Count * validationFraction, MidpointRounding.AwayFromZero);
        if (validationCount < 1 || validationCount >= labels.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction,
                $"A validation fraction of {validationFraction} of {labels.Count} rows leaves no validation or no training rows.");
        }

        var random = new Random(unchecked((int)seed ^ (int)(seed >> 32)));
        var classes = labels
            .Select((label, row) => (label, row))
            .GroupBy(x => x.label)
            .OrderBy(g => g.Key)
            .Select(g => Shuffle([.. g.Select(x => x.row)], random))
            .ToList();

        var validationQuota = Apportion(classes.Select(rows => rows.Length).ToArray(), validationCount);
        var rest = classes.Select((int[] rows, int i) => rows[validationQuota[i]..]).ToList();
        var trainTotal = rest.Sum(rows => rows.Length);
        var trainQuota = trainSize > 0 && trainSize < trainTotal
            ? Apportion(rest.Select(rows => rows.Length).ToArray(), trainSize)
            : rest.Select(rows => rows.Length).ToArray();

        var validation = classes.SelectMany((int[] rows, int i) => rows[..validationQuota[i]]).Order().ToArray();
        var train = rest.SelectMany((int[] rows, int i) => rows[..trainQuota[i]]).Order().ToArray();
        return new DataSplit(train, validation);
    }

    private static int[] Shuffle(int[] rows, Random random)
    {
        random.Shuffle(rows);
        return rows;
    }

    /// <summary>Shares of <paramref name="total"/> proportional to the class sizes, by largest remainder
    /// (ties to the lower class), so they add up to exactly the total.</summary>
    private static int[] Apportion(int[] sizes, int total)
    {
        long all = sizes.Sum(size => (long)size);
        var quotas = sizes.Select(size => (int)(size * (long)total / all)).ToArray();
        var remainders = sizes
            .Select((size, i) => (remainder: size * (long)total % all, i))
            .OrderByDescending(x => x.remainder)
            .ThenBy(x => x.i)
            .ToList();
        for (var k = 0; quotas.Sum() < total; k++)
        {
            quotas[remainders[k % remainders.Count].i]++;
        }

        return quotas;
    }
}
