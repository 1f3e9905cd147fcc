using GridSearch.Domain.Vocabulary;
namespace GridSearch.Core.Estimates;

/// <summary>
/// How long an epoch takes, as seconds per parameter per training image: an epoch's work grows with both.
/// Measured from the finished trials of one dataset and model (<see cref="EpochRateQuery"/>), or a stated
/// rough default when this installation has finished none.
/// </summary>
/// <param name="SecondsPerParameterSample">Seconds of one epoch per parameter per training image.</param>
/// <param name="Basis"><see cref="Measured"/> or <see cref="Default"/>.</param>
/// <param name="Trials">How many finished trials it was measured from (0 for the default).</param>
/// <param name="Description">The basis in words, for people.</param>
public sealed record EpochRate(double SecondsPerParameterSample, string Basis, int Trials, string Description)
{
    public const string Measured = "measured";
    public const string Default = "default";

    // From bench/EngineBench on one core of the 2-core development machine (docs/benchmarks.md): an MLP
    // 784-256-256-10 (269,322 parameters) takes 2.36 s per epoch of 54,000 images; a small CNN (1,625,866
    // parameters) 74.3 s. Rough: a CNN's time follows its convolutions more than its parameters.
    private const double MlpDefault = 2.36 / (269_322.0 * 54_000);
    private const double CnnDefault = 74.3 / (1_625_866.0 * 54_000);

    public static EpochRate DefaultFor(ModelFamily model) => new(
        model == ModelFamily.Cnn ? CnnDefault : MlpDefault,
        Default,
        0,
        $"no finished trials of this dataset and model yet: a rough default for one CPU core ({(model == ModelFamily.Cnn ? "74 s per epoch of 54,000 images for a 1.6M-parameter CNN" : "2.4 s per epoch of 54,000 images for a 269k-parameter MLP")}).");

    /// <summary>The estimated seconds of training work in parameter-images (<see cref="Search.PlannedTrial.Work"/>).</summary>
    public double Seconds(double work) => SecondsPerParameterSample * work;
}
