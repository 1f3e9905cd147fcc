namespace GridSearch.Domain.Sampling;

/// <summary>
/// A <see cref="SamplingSpace"/>'s points as the estimators see them, one double per axis (a choice's index, or
/// a range's value), and back; the uniform draws of the startup trials; and, for a finite space (choices and
/// whole-number ranges only), its size and its points.
/// </summary>
internal sealed class SpaceEncoding
{
    private readonly SamplingSpace space;
    private readonly Dictionary<object, int>?[] choiceIndex;

    public SpaceEncoding(SamplingSpace space)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(space.Axes);
        ArgumentOutOfRangeException.ThrowIfZero(space.Axes.Count);
        this.space = space;
        choiceIndex = new Dictionary<object, int>?[space.Axes.Count];
        Scales = new RangeScale?[space.Axes.Count];
        long? size = 1;
        for (var a = 0; a < space.Axes.Count; a++)
        {
            var axis = space.Axes[a];
            long? count;
            if (axis.Choices is { } choices)
            {
                var index = new Dictionary<object, int>();
                for (var c = 0; c < choices.Count; c++)
                {
                    // A choice listed twice is one choice: the first index stands for it.
                    index.TryAdd(choices[c], c);
                }

                choiceIndex[a] = index;
                count = choices.Count;
            }
            else
            {
                var scale = new RangeScale(axis);
                Scales[a] = scale;
                count = axis.Integer ? (long)(scale.MaxInteger - scale.MinInteger + 1) : null;
            }

            size = size is null || count is null || size > long.MaxValue / count ? null : size * count;
        }

        FiniteSize = size;
    }

    public int Dimensions => space.Axes.Count;

    public SamplingAxis Axis(int a) => space.Axes[a];

    /// <summary>Per axis: the range's scale, or null for a categorical axis.</summary>
    public RangeScale?[] Scales { get; }

    /// <summary>How many points the space holds; null when a continuous range makes it infinite (or it passes long's range).</summary>
    public long? FiniteSize { get; }

    /// <summary>The point as doubles; null when it is not a point of this space (another length, a value that is
    /// none of the choices, not a number, or out of its range), so the estimators leave it out.</summary>
    public double[]? Encode(IReadOnlyList<object>? point)
    {
        if (point is null || point.Count != Dimensions)
        {
            return null;
        }

        var encoded = new double[Dimensions];
        for (var a = 0; a < Dimensions; a++)
        {
            var value = point[a];
            if (choiceIndex[a] is { } index)
            {
                if (value is null || !index.TryGetValue(value, out var c))
                {
                    return null;
                }

                encoded[a] = c;
                continue;
            }

            if (value is not IConvertible convertible || value is string or bool)
            {
                return null;
            }

            var number = convertible.ToDouble(System.Globalization.CultureInfo.InvariantCulture);
            var axis = space.Axes[a];
            if (axis.Integer)
            {
                number = Math.Round(number);
            }

            var scale = Scales[a]!;
            var (min, max) = axis.Integer ? (scale.MinInteger, scale.MaxInteger) : (axis.Min, axis.Max);
            if (!(number >= min && number <= max))
            {
                return null;
            }

            encoded[a] = number;
        }

        return encoded;
    }

    /// <summary>The point as the caller reads it: the choice itself, an int for whole numbers, else a double.</summary>
    public IReadOnlyList<object> Decode(double[] point)
    {
        var decoded = new object[Dimensions];
        for (var a = 0; a < Dimensions; a++)
        {
            var axis = space.Axes[a];
            decoded[a] = axis.Choices is { } choices ? choices[(int)point[a]] : axis.Integer ? (object)(int)point[a] : point[a];
        }

        return decoded;
    }

    /// <summary>A uniform point: uniform over each axis's choices, uniform over a range, log-uniform over a log
    /// range (for whole numbers, over the cells of <see cref="RangeScale"/>).</summary>
    public double[] Uniform(Random random)
    {
        var point = new double[Dimensions];
        for (var a = 0; a < Dimensions; a++)
        {
            point[a] = Scales[a] is { } scale ? scale.Uniform(random) : random.Next(space.Axes[a].Choices!.Count);
        }

        return point;
    }

    /// <summary>Every point of a finite space, the last axis varying fastest.</summary>
    public IEnumerable<double[]> Enumerate()
    {
        if (FiniteSize is null)
        {
            throw new InvalidOperationException("An infinite space has no list of points.");
        }

        var first = new double[Dimensions];
        var last = new double[Dimensions];
        for (var a = 0; a < Dimensions; a++)
        {
            (first[a], last[a]) = Scales[a] is { } scale ? (scale.MinInteger, scale.MaxInteger) : (0, space.Axes[a].Choices!.Count - 1);
        }

        var point = (double[])first.Clone();
        while (true)
        {
            yield return (double[])point.Clone();
            var a = Dimensions - 1;
            while (a >= 0 && point[a] >= last[a])
            {
                point[a] = first[a];
                a--;
            }

            if (a < 0)
            {
                yield break;
            }

            point[a]++;
        }
    }
}
