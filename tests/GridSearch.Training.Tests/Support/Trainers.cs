
namespace GridSearch.Training.Tests.Support;

/// <summary>Trainers on one thread each, so that a seed gives the same numbers on any machine and
/// parallel test classes do not fight over the two cores.</summary>
internal static class Trainers
{
    public static TrainerOptions Options { get; } = new() { Threads = 1 };

    public static TrialTrainer Synthetic { get; } = new(SyntheticData.Source, Options);

    public static TrialTrainer Real { get; } = new(RealData.Source, Options);
}
