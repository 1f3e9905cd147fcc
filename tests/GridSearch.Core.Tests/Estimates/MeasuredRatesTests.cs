using GridSearch.Core.Estimates;
using GridSearch.Domain.Vocabulary;

namespace GridSearch.Core.Tests.Estimates;

/// <summary>Which recent runs price a trial, and how a running search blends the plan with its own trials.</summary>
public sealed class MeasuredRatesTests
{
    // Epoch rates (epoch seconds / reference seconds): 2, 3, 4, 1 and 1.5; end rates: 3, 2, none (still running), 5 and 1.
    private static readonly MeasuredRates Rates = new(
    [
        new MeasuredRun(SearchId: 1, Dataset.Mnist, ModelFamily.Mlp, SizeClass: 1, Epochs: 4, EpochSeconds: 8, EpochReferenceSeconds: 4, EndSeconds: 3, EndReferenceSeconds: 1),
        new MeasuredRun(SearchId: 2, Dataset.Mnist, ModelFamily.Mlp, SizeClass: 1, Epochs: 2, EpochSeconds: 6, EpochReferenceSeconds: 2, EndSeconds: 2, EndReferenceSeconds: 1),
        new MeasuredRun(SearchId: 3, Dataset.Mnist, ModelFamily.Mlp, SizeClass: 2, Epochs: 1, EpochSeconds: 10, EpochReferenceSeconds: 2.5),
        new MeasuredRun(SearchId: 4, Dataset.FashionMnist, ModelFamily.Mlp, SizeClass: 1, Epochs: 5, EpochSeconds: 5, EpochReferenceSeconds: 5, EndSeconds: 10, EndReferenceSeconds: 2),
        new MeasuredRun(SearchId: 5, Dataset.Mnist, ModelFamily.Cnn, SizeClass: 4, Epochs: 2, EpochSeconds: 30, EpochReferenceSeconds: 20, EndSeconds: 1, EndReferenceSeconds: 1),
    ]);

    /// <summary>A trial of size class 1 (a forward pass of 4–16 µs) that has run <paramref name="epochsDone"/> epochs.</summary>
    private static ActiveTrial Trial(long searchId, int epochsDone = 0) =>
        new(searchId, Dataset.Mnist, ModelFamily.Mlp, new TrialCost(5e-6, 1000, 1000, 100, 1000, 3), epochsDone);

    [Fact]
    public void For_ATrialWithRunsOfItsDatasetModelAndSize_IsTheirEpochSecondsOverTheirReference_AndTheirEndsMedian()
    {
        var rate = Rates.For(Dataset.Mnist, ModelFamily.Mlp, sizeClass: 1);

        Assert.Equal((8.0 + 6) / (4 + 2), rate.Factor, 12);
        Assert.Equal((3.0 + 2) / 2, rate.EndFactor, 12);
        Assert.Equal(EpochRate.Measured, rate.Basis);
        Assert.Equal((2, 6), (rate.Trials, rate.Epochs));
        Assert.Contains("mnist mlp trials of this size", rate.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void For_ASizeWithNoRuns_TakesItsDatasetAndModel_ThenItsModel_ThenAnyRun()
    {
        var otherSize = Rates.For(Dataset.Mnist, ModelFamily.Mlp, sizeClass: 3);
        Assert.Equal((8.0 + 6 + 10) / (4 + 2 + 2.5), otherSize.Factor, 12);
        Assert.Equal(2.5, otherSize.EndFactor, 12);
        Assert.Equal((1.0, 5.0), (Rates.For(Dataset.FashionMnist, ModelFamily.Mlp, sizeClass: 2).Factor, Rates.For(Dataset.FashionMnist, ModelFamily.Mlp, sizeClass: 2).EndFactor));
        var cnn = Rates.For(Dataset.FashionMnist, ModelFamily.Cnn, sizeClass: 4);
        Assert.Equal((1.5, 1.0), (cnn.Factor, cnn.EndFactor));
        Assert.Contains("cnn trials of the other dataset", cnn.Description, StringComparison.Ordinal);
        var load = Rates.For(Dataset.FashionMnist, ModelFamily.Cnn, sizeClass: 4, exceptSearch: 5);
        Assert.Equal((8.0 + 6 + 10 + 5) / (4 + 2 + 2.5 + 5), load.Factor, 12);
        // The median of 3, 2 and 5.
        Assert.Equal(3.0, load.EndFactor, 12);
        Assert.Contains("load", load.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void For_ASizeWhoseRunsHaveNoEnd_TakesTheEndRateFromTheNextRunsThatMeasuredOne()
    {
        // Size 2's only run is still running: its epochs at 4×; ends from the mnist mlp runs of any size (3 and 2).
        var running = Rates.For(Dataset.Mnist, ModelFamily.Mlp, sizeClass: 2);

        Assert.Equal((4.0, 2.5), (running.Factor, running.EndFactor));
    }

    [Fact]
    public void For_RunsWithNoEndAtAll_PriceTheEndAtTheEpochRate()
    {
        var rates = new MeasuredRates([new MeasuredRun(1, Dataset.Mnist, ModelFamily.Mlp, 1, Epochs: 2, EpochSeconds: 6, EpochReferenceSeconds: 2)]);

        var rate = rates.For(Dataset.FashionMnist, ModelFamily.Cnn, sizeClass: 3);

        Assert.Equal((3.0, 3.0), (rate.Factor, rate.EndFactor));
    }

    [Fact]
    public void For_LeavesTheExceptedSearchOut()
    {
        var rate = Rates.For(Dataset.Mnist, ModelFamily.Mlp, sizeClass: 1, exceptSearch: 1);

        Assert.Equal((3.0, 2.0), (rate.Factor, rate.EndFactor));
    }

    [Fact]
    public void For_WithNoRuns_IsTheCalibratedReference()
    {
        var rate = new MeasuredRates([]).For(Dataset.Mnist, ModelFamily.Cnn, sizeClass: 2);

        Assert.Same(EpochRate.Reference, rate);
        Assert.Equal((1.0, 1.0, EpochRate.Default), (rate.Factor, rate.EndFactor, rate.Basis));
    }

    [Fact]
    public void For_ATrialOfTheRunningSearch_BlendsThePlanFromOtherSearchesWithItsOwnTrials()
    {
        // Search 1's own run: epochs at 2× over 4 epochs, one end at 3×. The plan (search 2's run of the same
        // size): 3× and 2×, counted as 3 epochs and 3 ends: (3·3 + 4·2) / 7 and (3·2 + 1·3) / 4.
        var rate = Rates.For(Trial(1), runningSearch: 1);

        Assert.Equal(((3 * 3.0) + (4 * 2.0)) / 7, rate.Factor, 12);
        Assert.Equal(((3 * 2.0) + (1 * 3.0)) / 4, rate.EndFactor, 12);
        Assert.Equal(EpochRate.Measured, rate.Basis);
        // Another search's trial in the same queue keeps the plain measured rate.
        Assert.Equal((8.0 + 6) / (4 + 2), Rates.For(Trial(2), runningSearch: 1).Factor, 12);
    }

    [Fact]
    public void Blend_OneSlowFirstEpoch_MovesThePlanAQuarterOfTheWay_AndManyEpochsOutweighIt()
    {
        var plan = new EpochRate(1.0, 1.0, EpochRate.Measured, 10, 40, "plan");

        // The search: the plan said 4m21s, its first epoch ran at 642 / 261 of that pace.
        var first = EpochRate.Blend(plan, 642.0 / 261, epochs: 1, observedEnd: 0, ends: 0, trials: 1);
        Assert.Equal((3 + (642.0 / 261)) / 4, first.Factor, 12);
        Assert.Equal(1.0, first.EndFactor, 12);
        var later = EpochRate.Blend(plan, 2.0, epochs: 30, observedEnd: 4.0, ends: 2, trials: 4);
        Assert.Equal((3 + (30 * 2.0)) / 33, later.Factor, 12);
        Assert.Equal((3 + (2 * 4.0)) / 5, later.EndFactor, 12);
        Assert.Same(plan, EpochRate.Blend(plan, 5.0, epochs: 0, observedEnd: 0, ends: 0, trials: 0));
    }

    [Fact]
    public void Of_ASearch_IsItsOwnRunsRatesAndCounts()
    {
        Assert.Equal((2.0, 4, 3.0, 1, 1), Rates.Of(1));
        Assert.Equal((0.0, 0, 0.0, 0, 0), Rates.Of(99));
    }

    [Theory]
    [InlineData(new double[0], null)]
    [InlineData(new[] { 5.0 }, 5.0)]
    [InlineData(new[] { 1.0, 3.0 }, 2.0)]
    [InlineData(new[] { 3.0, 1.0, 20.0 }, 3.0)]
    public void Median_IsTheMiddleValue_OrTheMeanOfTheTwoMiddleOnes(double[] values, double? median)
    {
        Assert.Equal(median, MeasuredRates.Median(values));
    }
}
