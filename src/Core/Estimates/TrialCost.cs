using GridSearch.Domain.Architectures;

namespace GridSearch.Core.Estimates;

/// <summary>
/// A trial's cost in reference seconds (<see cref="ReferenceCost"/>): each epoch trains
/// <paramref name="TrainSamples"/> images in batches of <paramref name="BatchSize"/> and validates
/// <paramref name="ValidationSamples"/>; the trial ends with the test pass and the fixed cost.
/// </summary>
/// <param name="ForwardSeconds">One image's forward pass.</param>
public sealed record TrialCost(double ForwardSeconds, long TrainSamples, long ValidationSamples, int BatchSize, long Parameters, int Epochs)
{
    /// <summary>Sizes in factors of 4 of the forward pass (class 0: under 4 µs an image, 1: under 16 µs, …):
    /// rates are measured per size, since small networks pay more per multiply-add.</summary>
    public int SizeClass
    {
        get
        {
            var size = 0;
            for (var bound = 4e-6; ForwardSeconds >= bound && size < MaxSizeClass; bound *= 4)
            {
                size++;
            }

            return size;
        }
    }

    /// <summary>Past 4^12 µs (17 s an image) every network is one size.</summary>
    public const int MaxSizeClass = 12;

    public double EpochSeconds =>
        (TrainSamples * ReferenceCost.TrainPasses * ForwardSeconds)
        + (Math.Ceiling((double)TrainSamples / BatchSize) * Parameters * ReferenceCost.StepSecondsPerParameter)
        + (ValidationSamples * ForwardSeconds);

    /// <summary>The test pass and the fixed cost every trial pays once.</summary>
    public double EndSeconds => (DatasetImages.TestImages * ForwardSeconds) + ReferenceCost.TrialSeconds;

    /// <summary>The whole trial at its planned epochs.</summary>
    public double PlannedSeconds => Seconds(Epochs);

    /// <summary>A trial that runs <paramref name="epochs"/> epochs, then ends.</summary>
    public double Seconds(int epochs) => (epochs * EpochSeconds) + EndSeconds;
}
