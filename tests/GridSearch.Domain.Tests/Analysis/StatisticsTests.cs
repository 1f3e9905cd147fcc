using GridSearch.Domain.Analysis;

namespace GridSearch.Domain.Tests.Analysis;

public sealed class StatisticsTests
{
    [Fact]
    public void Spearman_OfAMonotoneRelation_IsOneWhateverItsShape()
    {
        Assert.Equal(1.0, Statistics.Spearman([1, 2, 3, 4, 5], [1, 4, 9, 16, 1000])!.Value, 12);
        Assert.Equal(-1.0, Statistics.Spearman([1, 2, 3, 4], [0.9, 0.8, 0.5, 0.1])!.Value, 12);
    }

    [Fact]
    public void Spearman_WithTies_UsesAverageRanks()
    {
        // x ranks 1.5, 1.5, 3, 4 against y ranks 1..4: Pearson of the ranks.
        var rho = Statistics.Spearman([10, 10, 20, 30], [1, 2, 3, 4])!.Value;

        Assert.Equal(0.9486833, rho, 6);
    }

    [Fact]
    public void Spearman_WithoutVariationOrWithTooFewPoints_IsNull()
    {
        Assert.Null(Statistics.Spearman([1, 1, 1], [1, 2, 3]));
        Assert.Null(Statistics.Spearman([1, 2], [1, 2]));
    }

    [Fact]
    public void ExplainedShare_IsOneWhenTheGroupsExplainEverythingAndZeroWhenTheirMeansAgree()
    {
        double[] values = [1, 1, 3, 3];

        Assert.Equal(1.0, Statistics.ExplainedShare(values, [[1, 1], [3, 3]]), 12);
        Assert.Equal(0.0, Statistics.ExplainedShare(values, [[1, 3], [1, 3]]), 12);
        Assert.Equal(0.0, Statistics.ExplainedShare([2, 2], [[2], [2]]));
    }

    [Fact]
    public void WithinShare_OfTwoRepeatedConfigurations_IsTheirRepeatsShareOfTheVariance()
    {
        // Groups {1, 3} and {5, 7}: mean 4; total Σ(x − 4)² = 9 + 1 + 1 + 9 = 20; within: (1 + 1) + (1 + 1) = 4,
        // so 4 / 20 = 0.2 within, and the rest, 16 / 20 = 0.8, between the groups.
        double[] all = [1, 3, 5, 7];
        IReadOnlyList<double>[] groups = [[1, 3], [5, 7]];

        Assert.Equal(0.2, Statistics.WithinShare(all, groups), 12);
        Assert.Equal(0.8, Statistics.ExplainedShare(all, groups), 12);
        Assert.Equal(0, Statistics.WithinShare([2, 2], [[2], [2]]));
    }
}
