namespace GridSearch.Domain.Sampling;

/// <summary>
/// Where a range axis's estimators work: log space for a log range; for whole numbers, the range widened by half
/// a step at each end so that each integer owns the cell [k − ½, k + ½] (mapped to log space for a log range).
/// </summary>
internal sealed class RangeScale
{
    private readonly double min;
    private readonly double max;

    public RangeScale(SamplingAxis axis)
    {
        Log = axis.Log;
        Integer = axis.Integer;
        if (Integer)
        {
            MinInteger = Math.Ceiling(axis.Min);
            MaxInteger = Math.Floor(axis.Max);
            if (MaxInteger < MinInteger)
            {
                throw new ArgumentException($"The range of axis '{axis.Name}' holds no whole number.", nameof(axis));
            }

            Low = Scaled(MinInteger - 0.5);
            High = Scaled(MaxInteger + 0.5);
        }
        else
        {
            min = axis.Min;
            max = axis.Max;
            Low = Scaled(axis.Min);
            High = Scaled(axis.Max);
        }
    }

    public bool Log { get; }

    public bool Integer { get; }

    public double MinInteger { get; }

    public double MaxInteger { get; }

    /// <summary>The scaled range's ends (widened for whole numbers).</summary>
    public double Low { get; }

    public double High { get; }

    public double ToScaled(double value) => Scaled(value);

    /// <summary>The value a scaled point stands for: rounded into the range for whole numbers.</summary>
    public double FromScaled(double x)
    {
        var value = Log ? Math.Exp(x) : x;
        return Integer ? Math.Clamp(Math.Round(value), MinInteger, MaxInteger) : Math.Clamp(value, min, max);
    }

    /// <summary>The scaled cell of a whole number.</summary>
    public (double From, double To) Cell(double value) => (Scaled(value - 0.5), Scaled(value + 0.5));

    /// <summary>A uniform draw in the scaled range: uniform, or log-uniform for a log range.</summary>
    public double Uniform(Random random) => FromScaled(Low + (random.NextDouble() * (High - Low)));

    private double Scaled(double value) => Log ? Math.Log(value) : value;
}
