using GridSearch.Core.Analysis;

namespace GridSearch.Core.Tests.Analysis;

public sealed class ParetoFrontTests
{
    private static AnalysedTrial Trial(long id, double accuracy, long parameters, double seconds) =>
        new(id, "{}", accuracy, accuracy, parameters, seconds);

    [Fact]
    public void Of_MarksOnlyTheTrialsNoOtherDominates()
    {
        var points = ParetoFront.Of([
            Trial(1, 0.98, 1000, 10),  // best accuracy: on the front
            Trial(2, 0.97, 100, 10),   // fewer parameters: on the front
            Trial(3, 0.96, 100, 12),   // worse than 2 on everything: off
            Trial(4, 0.90, 100, 1),    // fastest: on the front
            Trial(5, 0.98, 1000, 10),  // equal to 1: neither dominates the other
        ]);

        Assert.Equal([true, true, false, true, true], points.Select(p => p.OnFront));
    }

    [Fact]
    public void Of_LeavesOutTrialsWithoutAParameterCount()
    {
        var points = ParetoFront.Of([new AnalysedTrial(1, "{}", 0.9, 0.9, null, 1), Trial(2, 0.8, 10, 1)]);

        Assert.Equal([2L], points.Select(p => p.TrialId));
    }
}
