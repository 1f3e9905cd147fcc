using GridSearch.Domain.Analysis;
using GridSearch.Domain.Trials;

namespace GridSearch.Domain.Tests.Analysis;

public sealed class OptimizationHistoryTests
{
    [Fact]
    public void Of_AccuraciesInTheOrderTheyFinished_KeepsTheHighestSoFar_ShowingButNotCountingPrunedOnes()
    {
        var steps = OptimizationHistory.Of(
            [(10, ChosenBy.TpeStartup, 0.8, false), (11, ChosenBy.TpeStartup, 0.95, true), (12, ChosenBy.Tpe, 0.7, false), (13, ChosenBy.Tpe, 0.9, false), (14, ChosenBy.Tpe, null, false)],
            higherIsBetter: true);

        Assert.Equal([1, 2, 3, 4, 5], steps.Select(s => s.Number));
        Assert.Equal([0.8, 0.8, 0.8, 0.9, 0.9], steps.Select(s => s.Best!.Value));
        Assert.Equal((0.95, true), (steps[1].Value!.Value, steps[1].Pruned));
        Assert.Null(steps[4].Value);
    }

    [Fact]
    public void Of_Losses_KeepsTheLowestSoFar_AndANaNLossIsNoValue()
    {
        var steps = OptimizationHistory.Of([(1, ChosenBy.Grid, double.NaN, false), (2, ChosenBy.Grid, 0.5, false), (3, ChosenBy.Grid, 0.7, false), (4, ChosenBy.Grid, 0.2, false)], higherIsBetter: false);

        Assert.Equal([null, 0.5, 0.5, 0.2], steps.Select(s => s.Best));
        Assert.Null(steps[0].Value);
    }
}
