using GridSearch.Domain.Trials;
using GridSearch.Worker.Execution;

namespace GridSearch.Worker.Tests.Execution;

public sealed class CheckpointCadenceTests
{
    private const int ManyEpochs = 100;

    private static Epoch Lasting(double seconds, int number = 1) => new() { Number = number, Seconds = seconds };

    [Fact]
    public void ZeroInterval_CheckpointsEveryEpoch()
    {
        var cadence = new CheckpointCadence(TimeSpan.Zero, ManyEpochs);

        Assert.All(Enumerable.Range(1, 5), number => Assert.True(cadence.Due(Lasting(0.01, number))));
    }

    [Fact]
    public void ShortEpochs_CheckpointWithTheFirstEpochThatEndsTheInterval_ThenCountAfresh()
    {
        var cadence = new CheckpointCadence(TimeSpan.FromSeconds(10), ManyEpochs);

        var due = Enumerable.Range(1, 9).Select(number => cadence.Due(Lasting(3, number))).ToList();

        // 3, 6, 9, 12 s: due; then 3, 6, 9, 12 s again; then 3.
        Assert.Equal([false, false, false, true, false, false, false, true, false], due);
    }

    [Fact]
    public void EpochsLongerThanTheInterval_AreEachCheckpointed()
    {
        var cadence = new CheckpointCadence(TimeSpan.FromSeconds(10), ManyEpochs);

        Assert.True(cadence.Due(Lasting(60, 1)));
        Assert.True(cadence.Due(Lasting(60, 2)));
    }

    [Fact]
    public void TheTrialsLastEpoch_IsNeverCheckpointed_EvenWithEveryEpochDue()
    {
        var cadence = new CheckpointCadence(TimeSpan.Zero, lastEpoch: 3);

        var due = Enumerable.Range(1, 3).Select(number => cadence.Due(Lasting(60, number))).ToList();

        Assert.Equal([true, true, false], due);
    }
}
