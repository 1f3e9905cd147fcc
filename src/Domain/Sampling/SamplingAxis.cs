namespace GridSearch.Domain.Sampling;

/// <summary>
/// One dimension a model-based sampler chooses on: either a list of <see cref="Choices"/> (the values a
/// definition lists, of any type; compared with <see cref="object.Equals(object?)"/>, so a list of numbers is
/// categorical, as Optuna's <c>suggest_categorical</c>) or a range from <see cref="Min"/> to <see cref="Max"/>,
/// linear or <see cref="Log"/>, of whole numbers when <see cref="Integer"/>.
/// </summary>
public sealed record SamplingAxis
{
    private SamplingAxis(string name, IReadOnlyList<object>? choices, double min, double max, bool log, bool integer)
    {
        Name = name;
        Choices = choices;
        Min = min;
        Max = max;
        Log = log;
        Integer = integer;
    }

    public string Name { get; }

    /// <summary>The values to choose from; null for a range.</summary>
    public IReadOnlyList<object>? Choices { get; }

    public double Min { get; }

    public double Max { get; }

    public bool Log { get; }

    public bool Integer { get; }

    public bool IsRange => Choices is null;

    public static SamplingAxis Categorical(string name, IReadOnlyList<object> choices)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(choices);
        ArgumentOutOfRangeException.ThrowIfZero(choices.Count);
        return new SamplingAxis(name, choices, 0, 0, log: false, integer: false);
    }

    public static SamplingAxis Range(string name, double min, double max, bool log, bool integer)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!(min <= max) || (log && min <= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(min), $"[{min}, {max}] is not a range{(log ? " on a log scale" : "")}.");
        }

        return new SamplingAxis(name, null, min, max, log, integer);
    }
}
