using GridSearch.Domain.CrossValidation;
using GridSearch.Domain.Definition;
using GridSearch.Domain.Pruning;
using GridSearch.Domain.Trials;
using GridSearch.Domain.Vocabulary;

namespace GridSearch.Domain.Tests.CrossValidation;

public sealed class FoldRulesTests
{
    private static readonly TrialConfig Source = TrialDefaults.For(Dataset.Mnist, ModelFamily.Mlp) with { TrainSize = 300 };

    [Fact]
    public void An_ordinary_configs_json_names_no_fold_so_its_hash_is_what_it_was_before_folds_existed()
    {
        var json = TrialConfigJson.Serialize(Source);

        Assert.DoesNotContain("fold", json, StringComparison.OrdinalIgnoreCase);
        Assert.Null(TrialConfigJson.Deserialize(json).Folds);
    }

    [Fact]
    public void FoldsOf_gives_one_config_per_fold_each_with_its_own_hash_and_otherwise_the_source()
    {
        var folds = FoldRules.FoldsOf(Source, 3);

        Assert.Equal([0, 1, 2], folds.Select(c => c.Fold!.Value));
        Assert.All(folds, c => Assert.Equal(3, c.Folds));
        Assert.All(folds, c => Assert.Equal(Source, c with { Fold = null, Folds = null }));
        var hashes = folds.Select(c => ConfigHash.Compute(TrialConfigJson.Serialize(c))).Append(ConfigHash.Compute(TrialConfigJson.Serialize(Source)));
        Assert.Equal(4, hashes.Distinct().Count());
        Assert.Equal(TrialConfigJson.Serialize(folds[1]), TrialConfigJson.Serialize(TrialConfigJson.Deserialize(TrialConfigJson.Serialize(folds[1]))));
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(null, 3)]
    [InlineData(3, 3)]
    [InlineData(-1, 3)]
    [InlineData(0, 1)]
    [InlineData(0, 21)]
    public void Check_refuses_fold_fields_that_are_no_fold(int? fold, int? folds) =>
        Assert.NotNull(FoldRules.Check(Source with { Fold = fold, Folds = folds }));

    [Theory]
    [InlineData(null, null)]
    [InlineData(0, 2)]
    [InlineData(19, 20)]
    public void Check_accepts_an_ordinary_config_and_a_fold(int? fold, int? folds) =>
        Assert.Null(FoldRules.Check(Source with { Fold = fold, Folds = folds }));

    [Fact]
    public void A_fold_trials_config_is_not_cross_validated_again() =>
        Assert.Throws<ArgumentException>(() => FoldRules.FoldsOf(FoldRules.FoldsOf(Source, 2)[0], 2));

    [Theory]
    [InlineData(null, null, 3, 5, "")]
    [InlineData(0, 5, 0, 5, "top")]
    [InlineData(21, 5, 21, 5, "top")]
    [InlineData(2, 1, 2, 1, "folds")]
    [InlineData(2, 21, 2, 21, "folds")]
    public void Read_takes_the_defaults_and_names_a_bad_top_or_folds(int? top, int? folds, int expectedTop, int expectedFolds, string bad)
    {
        var errors = new ValidationErrors();

        Assert.Equal((expectedTop, expectedFolds), FoldRules.Read(top, folds, errors));
        Assert.Equal(bad.Length == 0 ? [] : new[] { bad }, errors.ToDictionary().Keys);
    }

    [Fact]
    public void A_fold_trial_is_neither_pruned_nor_stopped_by_the_target_but_keeps_the_trial_and_time_limits()
    {
        var rules = new SearchRules(
            new SearchStopLimits(MaxTrials: 10, TimeLimitMinutes: 5, Target: new StopTarget(EpochMetric.ValAccuracy, 0.9)),
            new Pruner(PrunerKind.Median, 1, 3, EpochMetric.ValAccuracy));

        Assert.Same(rules, FoldRules.RulesFor(Source, rules));
        var fold = FoldRules.RulesFor(FoldRules.FoldsOf(Source, 2)[1], rules);
        Assert.Equal(new SearchStopLimits(MaxTrials: 10, TimeLimitMinutes: 5), fold.Limits);
        Assert.Equal(PrunerKind.None, fold.Pruner.Kind);
    }
}
