using GridSearch.Core.Trials;
using GridSearch.Worker.Execution;

namespace GridSearch.Worker.Tests.Execution;

public sealed class CheckpointCadenceTests
{
    private static Epoch Lasting(double seconds) => new() { Number = 1, Seconds = seconds };

    [Fact]
    public void ZeroInterval_CheckpointsEveryEpoch()
    {
        var cadence = new CheckpointCadence(TimeSpan.Zero);

        Assert.All(Enumerable.Range(0, 5), _ => Assert.True(cadence.Due(Lasting(0.01))));
    }

    [Fact]
    public void ShortEpochs_CheckpointWithTheFirstEpochThatEndsTheInterval_ThenCountAfresh()
    {
        var cadence = new CheckpointCadence(TimeSpan.FromSeconds(10));

        var due = Enumerable.Range(0, 9).Select(_ => cadence.Due(Lasting(3))).ToList();

        // 3, 6, 9, 12 s: due; then 3, 6, 9, 12 s again; then 3.
        Assert.Equal([false, false, false, true, false, false, false, true, false], due);
    }

    [Fact]
    public void EpochsLongerThanTheInterval_AreEachCheckpointed()
    {
        var cadence = new CheckpointCadence(TimeSpan.FromSeconds(10));

        Assert.True(cadence.Due(Lasting(60)));
        Assert.True(cadence.Due(Lasting(60)));
    }
}
