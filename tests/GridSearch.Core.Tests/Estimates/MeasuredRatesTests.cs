using GridSearch.Core.Estimates;
using GridSearch.Core.Vocabulary;

namespace GridSearch.Core.Tests.Estimates;

/// <summary>Which recent runs price a trial, and how a running search blends the plan with its own epochs.</summary>
public sealed class MeasuredRatesTests
{
    // Factors (seconds / reference seconds): 2, 3, 4, 1 and 1.5.
    private static readonly MeasuredRates Rates = new(
    [
        new MeasuredRun(SearchId: 1, Dataset.Mnist, ModelFamily.Mlp, SizeClass: 1, Epochs: 4, Seconds: 8, ReferenceSeconds: 4),
        new MeasuredRun(SearchId: 2, Dataset.Mnist, ModelFamily.Mlp, SizeClass: 1, Epochs: 2, Seconds: 6, ReferenceSeconds: 2),
        new MeasuredRun(SearchId: 3, Dataset.Mnist, ModelFamily.Mlp, SizeClass: 2, Epochs: 1, Seconds: 10, ReferenceSeconds: 2.5),
        new MeasuredRun(SearchId: 4, Dataset.FashionMnist, ModelFamily.Mlp, SizeClass: 1, Epochs: 5, Seconds: 5, ReferenceSeconds: 5),
        new MeasuredRun(SearchId: 5, Dataset.Mnist, ModelFamily.Cnn, SizeClass: 4, Epochs: 2, Seconds: 30, ReferenceSeconds: 20),
    ]);

    /// <summary>A trial of size class 1 (a forward pass of 4–16 µs) that has run <paramref name="epochsDone"/> epochs.</summary>
    private static ActiveTrial Trial(long searchId, int epochsDone = 0) =>
        new(searchId, Dataset.Mnist, ModelFamily.Mlp, new TrialCost(5e-6, 1000, 1000, 100, 1000, 3), epochsDone);

    [Fact]
    public void For_ATrialWithRunsOfItsDatasetModelAndSize_IsTheirSecondsOverTheirReferenceSeconds()
    {
        var rate = Rates.For(Dataset.Mnist, ModelFamily.Mlp, sizeClass: 1);

        Assert.Equal((8.0 + 6) / (4 + 2), rate.Factor, 12);
        Assert.Equal(EpochRate.Measured, rate.Basis);
        Assert.Equal((2, 6), (rate.Trials, rate.Epochs));
        Assert.Contains("mnist mlp trials of this size", rate.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void For_ASizeWithNoRuns_TakesItsDatasetAndModel_ThenItsModel_ThenAnyRun()
    {
        Assert.Equal((8.0 + 6 + 10) / (4 + 2 + 2.5), Rates.For(Dataset.Mnist, ModelFamily.Mlp, sizeClass: 3).Factor, 12);
        Assert.Equal(1.0, Rates.For(Dataset.FashionMnist, ModelFamily.Mlp, sizeClass: 2).Factor, 12);
        var cnn = Rates.For(Dataset.FashionMnist, ModelFamily.Cnn, sizeClass: 4);
        Assert.Equal(1.5, cnn.Factor, 12);
        Assert.Contains("cnn trials of the other dataset", cnn.Description, StringComparison.Ordinal);
        var load = Rates.For(Dataset.FashionMnist, ModelFamily.Cnn, sizeClass: 4, exceptSearch: 5);
        Assert.Equal((8.0 + 6 + 10 + 5) / (4 + 2 + 2.5 + 5), load.Factor, 12);
        Assert.Contains("load", load.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void For_LeavesTheExceptedSearchOut()
    {
        Assert.Equal(3.0, Rates.For(Dataset.Mnist, ModelFamily.Mlp, sizeClass: 1, exceptSearch: 1).Factor, 12);
    }

    [Fact]
    public void For_WithNoRuns_IsTheCalibratedReference()
    {
        var rate = new MeasuredRates([]).For(Dataset.Mnist, ModelFamily.Cnn, sizeClass: 2);

        Assert.Same(EpochRate.Reference, rate);
        Assert.Equal((1.0, EpochRate.Default), (rate.Factor, rate.Basis));
    }

    [Fact]
    public void For_ATrialOfTheRunningSearch_BlendsThePlanFromOtherSearchesWithItsOwnEpochs()
    {
        // Search 1's own run went at 2× over 4 epochs; the plan (search 2's run of the same size) at 3×,
        // counted as 3 epochs: (3·3 + 4·2) / 7.
        var rate = Rates.For(Trial(1), runningSearch: 1);

        Assert.Equal(((3 * 3.0) + (4 * 2.0)) / 7, rate.Factor, 12);
        Assert.Equal(EpochRate.Measured, rate.Basis);
        // Another search's trial in the same queue keeps the plain measured rate.
        Assert.Equal((8.0 + 6) / (4 + 2), Rates.For(Trial(2), runningSearch: 1).Factor, 12);
    }

    [Fact]
    public void Blend_OneSlowFirstEpoch_MovesThePlanAQuarterOfTheWay_AndManyEpochsOutweighIt()
    {
        var plan = new EpochRate(1.0, EpochRate.Measured, 10, 40, "plan");

        // The search: the plan said 4m21s, its first epoch ran at 642 / 261 of that pace.
        Assert.Equal((3 + (642.0 / 261)) / 4, EpochRate.Blend(plan, 642.0 / 261, epochs: 1, trials: 1).Factor, 12);
        Assert.Equal((3 + (30 * 2.0)) / 33, EpochRate.Blend(plan, 2.0, epochs: 30, trials: 4).Factor, 12);
        Assert.Same(plan, EpochRate.Blend(plan, 5.0, epochs: 0, trials: 0));
    }

    [Fact]
    public void Of_ASearch_IsItsOwnRunsFactorEpochsAndTrials()
    {
        Assert.Equal((2.0, 4, 1), Rates.Of(1));
        Assert.Equal((0.0, 0, 0), Rates.Of(99));
    }
}
