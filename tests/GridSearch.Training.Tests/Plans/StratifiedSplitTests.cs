using GridSearch.Training.Data;

namespace GridSearch.Training.Tests.Plans;

public sealed class StratifiedSplitTests
{
    // Unequal classes, as in MNIST: class c has 100 + 10c rows, shuffled.
    private static readonly byte[] Labels = [.. Enumerable.Range(0, 10)
        .SelectMany(c => Enumerable.Repeat((byte)c, 100 + (10 * c)))
        .OrderBy(label => (label * 7919) % 13)];

    [Fact]
    public void Create_HoldsOutTheFractionPerClassWithoutOverlap()
    {
        var split = StratifiedSplit.Create(Labels, 0.2, 0, seed: 3);

        Assert.Equal((int)Math.Round(Labels.Length * 0.2), split.Validation.Length);
        Assert.Equal(Labels.Length, split.Train.Length + split.Validation.Length);
        Assert.Empty(split.Train.Intersect(split.Validation));
        foreach (var group in split.Validation.GroupBy(row => Labels[row]))
        {
            var classSize = Labels.Count(label => label == group.Key);
            Assert.InRange(group.Count(), (classSize * 0.2) - 1, (classSize * 0.2) + 1);
        }
    }

    [Fact]
    public void Create_WithTrainSize_KeepsAStratifiedSubsetOfTheTrainingPart()
    {
        var split = StratifiedSplit.Create(Labels, 0.1, 500, seed: 3);

        Assert.Equal(500, split.Train.Length);
        Assert.Empty(split.Train.Intersect(split.Validation));
        Assert.All(split.Train.GroupBy(row => Labels[row]), group =>
            Assert.InRange(group.Count(), (Labels.Count(l => l == group.Key) * 500.0 / Labels.Length) - 2, (Labels.Count(l => l == group.Key) * 500.0 / Labels.Length) + 2));
    }

    [Fact]
    public void Create_SameSeed_GivesSameRowsAndAnotherSeedOthers()
    {
        var first = StratifiedSplit.Create(Labels, 0.1, 300, seed: 11);
        var again = StratifiedSplit.Create(Labels, 0.1, 300, seed: 11);
        var other = StratifiedSplit.Create(Labels, 0.1, 300, seed: 12);

        Assert.Equal(first.Train, again.Train);
        Assert.Equal(first.Validation, again.Validation);
        Assert.NotEqual(first.Validation, other.Validation);
        Assert.Equal(first.Train.Order(), first.Train);
    }

    [Fact]
    public void Create_GivesTheRowsItAlwaysGave()
    {
        // Pinned: cached results, resumed trials and cross-run comparisons all rely on a seed's split never changing.
        var labels = Enumerable.Range(0, 30).Select(i => (byte)(i * 7 % 4)).ToArray();

        var split = StratifiedSplit.Create(labels, 0.2, 10, seed: 42);

        Assert.Equal([4, 10, 13, 15, 17, 20], split.Validation);
        Assert.Equal([0, 3, 5, 6, 8, 9, 11, 14, 16, 23], split.Train);
    }

    [Fact]
    public void Create_WithTrainSizeAboveTheTrainingPart_KeepsAllOfIt()
    {
        var split = StratifiedSplit.Create(Labels, 0.1, 1_000_000, seed: 1);

        Assert.Equal(Labels.Length - split.Validation.Length, split.Train.Length);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(0.00001)]
    public void Create_WithFractionLeavingNothing_Throws(double fraction)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => StratifiedSplit.Create(Labels, fraction, 0, seed: 1));
    }

    [Fact]
    public void CreateFold_TheFoldsValidationRowsPartitionTheKeptRowsEachStratified()
    {
        const int folds = 4, size = 600;
        var splits = Enumerable.Range(0, folds).Select(fold => StratifiedSplit.CreateFold(Labels, folds, fold, size, seed: 5)).ToList();

        var validated = splits.SelectMany(s => s.Validation).ToList();
        Assert.Equal(size, validated.Count);
        Assert.Equal(size, validated.Distinct().Count());
        Assert.All(splits, split =>
        {
            Assert.Equal(size / folds, split.Validation.Length);
            Assert.Equal(validated.Except(split.Validation).Order(), split.Train);
            Assert.All(split.Validation.GroupBy(row => Labels[row]), group =>
                Assert.InRange(group.Count(), (Labels.Count(l => l == group.Key) * (double)size / Labels.Length / folds) - 2, (Labels.Count(l => l == group.Key) * (double)size / Labels.Length / folds) + 2));
        });
        Assert.Equal(splits[2].Validation, StratifiedSplit.CreateFold(Labels, folds, 2, size, seed: 5).Validation);
        Assert.NotEqual(splits[2].Validation, StratifiedSplit.CreateFold(Labels, folds, 2, size, seed: 6).Validation);
    }

    [Fact]
    public void CreateFold_WithoutASize_KeepsEveryRow()
    {
        var split = StratifiedSplit.CreateFold(Labels, 5, 0, 0, seed: 5);

        Assert.Equal(Labels.Length, split.Train.Length + split.Validation.Length);
        Assert.Equal(Labels.Length / 5, split.Validation.Length);
    }

    [Theory]
    [InlineData(1, 0, 100)]
    [InlineData(3, 3, 100)]
    [InlineData(3, -1, 100)]
    [InlineData(5, 0, 4)]
    public void CreateFold_RefusesFoldsThatCannotBe(int folds, int fold, int size) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => StratifiedSplit.CreateFold(Labels, folds, fold, size, seed: 5));
}
