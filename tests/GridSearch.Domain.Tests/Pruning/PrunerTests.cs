using System.Text.Json;
using GridSearch.Domain.Definition;
using GridSearch.Domain.Pruning;

namespace GridSearch.Domain.Tests.Pruning;

public sealed class PrunerTests
{
    private static readonly Pruner Median = new(PrunerKind.Median, MinEpochs: 2);
    private static readonly Pruner Asha = new(PrunerKind.Asha, MinEpochs: 1, ReductionFactor: 3);

    private static (Pruner? Pruner, IDictionary<string, string[]> Errors) Read(string pruner)
    {
        using var document = JsonDocument.Parse($$"""{ "pruner": {{pruner}} }""");
        var errors = new ValidationErrors();
        return (Pruner.Read(document.RootElement, errors), errors.ToDictionary());
    }

    [Fact]
    public void Median_StopsATrialWhoseBestSoFarIsWorseThanTheMedianOfTheOthersAtThatEpoch()
    {
        Assert.True(Median.ShouldPrune(2, current: 0.5, best: 0.6, others: [0.9, 0.7, 0.65]));
        Assert.False(Median.ShouldPrune(2, current: 0.5, best: 0.7, others: [0.9, 0.7, 0.65]));
        // An even count's median is the mean of the middle two: 0.75.
        Assert.True(Median.ShouldPrune(3, current: 0.74, best: 0.74, others: [0.9, 0.8, 0.7, 0.1]));
    }

    [Fact]
    public void Median_BeforeMinEpochs_OrWithNoOtherTrial_KeepsTheTrial()
    {
        Assert.False(Median.ShouldPrune(1, current: 0.1, best: 0.1, others: [0.9, 0.9]));
        Assert.False(Median.ShouldPrune(2, current: 0.1, best: 0.1, others: []));
    }

    [Fact]
    public void Median_OnALoss_CountsLowerAsBetter()
    {
        var byLoss = Median with { Metric = EpochMetric.ValLoss };

        Assert.True(byLoss.ShouldPrune(2, current: 0.9, best: 0.8, others: [0.3, 0.4, 0.5]));
        Assert.False(byLoss.ShouldPrune(2, current: 0.3, best: 0.3, others: [0.3, 0.4, 0.5]));
    }

    [Fact]
    public void Asha_RungsAreMinEpochsTimesPowersOfTheReductionFactor()
    {
        var rungs = Enumerable.Range(1, 30).Where(Asha.IsRung);
        var fromTwo = Enumerable.Range(1, 30).Where((Asha with { MinEpochs = 2, ReductionFactor = 2 }).IsRung);

        Assert.Equal([1, 3, 9, 27], rungs);
        Assert.Equal([2, 4, 8, 16], fromTwo);
    }

    [Fact]
    public void Asha_AtARung_KeepsTheTopThirdOfTheTrialsThatReachedIt_AndTheFirstOnesAlways()
    {
        // Alone, or one of two: the best one (at least one) goes on, whatever its value.
        Assert.False(Asha.ShouldPrune(1, current: 0.1, best: 0.1, others: []));
        Assert.False(Asha.ShouldPrune(1, current: 0.1, best: 0.1, others: [0.05]));
        Assert.True(Asha.ShouldPrune(1, current: 0.1, best: 0.1, others: [0.9]));
        // Six trials at rung 3: the best two go on.
        double[] others = [0.9, 0.8, 0.5, 0.4, 0.3];
        Assert.False(Asha.ShouldPrune(3, current: 0.85, best: 0.85, others));
        Assert.True(Asha.ShouldPrune(3, current: 0.6, best: 0.95, others));
    }

    [Fact]
    public void Asha_BetweenRungs_KeepsEveryTrial()
    {
        Assert.False(Asha.ShouldPrune(2, current: 0.01, best: 0.01, others: [0.9, 0.9, 0.9]));
        Assert.False(Asha.Applies(2, lastEpoch: 20));
        Assert.True(Asha.Applies(3, lastEpoch: 20));
        Assert.False(Asha.Applies(9, lastEpoch: 9));
    }

    [Fact]
    public void Read_WithoutAPruner_IsNone_AndAKindAloneTakesTheDefaults()
    {
        using var document = JsonDocument.Parse("{}");
        Assert.Equal(Pruner.None, Pruner.Read(document.RootElement, new ValidationErrors()));

        var (asha, errors) = Read("""{ "kind": "asha" }""");

        Assert.Empty(errors);
        Assert.Equal(new Pruner(PrunerKind.Asha, 1, 3, EpochMetric.ValAccuracy), asha);
    }

    [Theory]
    [InlineData("""{ "kind": "hyperband" }""", "pruner.kind")]
    [InlineData("""{ "minEpochs": 2 }""", "pruner.kind")]
    [InlineData("""{ "kind": "asha", "minEpochs": 0 }""", "pruner.minEpochs")]
    [InlineData("""{ "kind": "asha", "reductionFactor": 1 }""", "pruner.reductionFactor")]
    [InlineData("""{ "kind": "median", "reductionFactor": 3 }""", "pruner.reductionFactor")]
    [InlineData("""{ "kind": "median", "metric": "testAccuracy" }""", "pruner.metric")]
    [InlineData("""{ "kind": "median", "patience": 3 }""", "pruner.patience")]
    [InlineData("\"asha\"", "pruner")]
    public void Read_NamesTheBadField(string pruner, string field)
    {
        var (read, errors) = Read(pruner);

        Assert.Null(read);
        Assert.Contains(field, errors.Keys);
    }
}
