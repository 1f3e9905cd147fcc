using System.Text.Json;
using GridSearch.Domain.Definition;
using GridSearch.Domain.Planning;
using GridSearch.Domain.Trials;

namespace GridSearch.Domain.Tests.Planning;

/// <summary>A definition's <c>repeats</c>: each configuration trained k times, repeat r with the search's seed + r.</summary>
public sealed class SearchPlannerRepeatsTests
{
    private static (SearchPlan? Plan, IDictionary<string, string[]> Errors) Plan(string json, int maxTrials = 10_000)
    {
        using var document = JsonDocument.Parse(json);
        var errors = new ValidationErrors();
        var plan = SearchPlanner.Plan(document.RootElement, new SearchLimits { MaxTrialsPerSearch = maxTrials }, errors);
        return (plan, errors.ToDictionary());
    }

    private static string Definition(string repeats) => $$"""
        { "dataset": "mnist", "model": "mlp", "seed": 42, {{repeats}}
          "grid": { "width": [32, 64], "learningRate": [0.01, 0.001] }, "fixed": { "epochs": 1, "trainSize": 200 } }
        """;

    [Fact]
    public void Plan_WithRepeats_TrainsEachConfigurationKTimesWithSeedPlusRepeat()
    {
        var (single, _) = Plan(Definition(""));
        var (plan, errors) = Plan(Definition("\"repeats\": 3,"));

        Assert.Empty(errors);
        Assert.Equal(1, single!.Repeats);
        Assert.Equal(3, plan!.Repeats);
        Assert.Equal(4 * 3, plan.Trials.Count);
        Assert.Equal(plan.Trials.Count, plan.TrialCount);
        Assert.Equal(Enumerable.Range(0, 12), plan.Trials.Select(t => t.Ordinal));
        Assert.Equal(Enumerable.Range(0, 4).SelectMany(_ => new[] { 0, 1, 2 }), plan.Trials.Select(t => t.Repeat));
        Assert.Equal(plan.Trials.Select(t => 42L + t.Repeat), plan.Trials.Select(t => t.Config.Seed));
        Assert.Equal(12, plan.Trials.Select(t => t.ConfigHash).Distinct().Count());
        foreach (var configuration in plan.Trials.Chunk(3))
        {
            // The repeats of a configuration differ in their seed alone, and share its grid point.
            Assert.Single(configuration.Select(t => t.GridPointJson).Distinct());
            Assert.Single(configuration.Select(t => t.Config with { Seed = 0 }).Distinct());
            Assert.All(configuration, t => Assert.Equal(TrialConfigJson.Serialize(t.Config), t.ConfigJson));
            Assert.All(configuration, t => Assert.Equal(ConfigHash.Compute(t.ConfigJson), t.ConfigHash));
        }
    }

    [Fact]
    public void Plan_RepeatZero_IsExactlyTheTrialOfTheUnrepeatedSearch()
    {
        var (single, _) = Plan(Definition(""));
        var (repeated, _) = Plan(Definition("\"repeats\": 2,"));

        var firsts = repeated!.Trials.Where(t => t.Repeat == 0).ToList();
        Assert.Equal(single!.Trials.Select(t => (t.ConfigHash, t.ConfigJson, t.GridPointJson)), firsts.Select(t => (t.ConfigHash, t.ConfigJson, t.GridPointJson)));
        Assert.All(single.Trials, t => Assert.Equal(0, t.Repeat));
    }

    [Fact]
    public void Plan_DrawnConfigurationWithRepeats_SharesItsDrawnValues()
    {
        var (plan, errors) = Plan("""
            { "dataset": "mnist", "model": "mlp", "seed": 5, "repeats": 2, "strategy": { "kind": "random", "count": 3 },
              "grid": { "learningRate": { "min": 0.0001, "max": 0.1 }, "width": [32, 64] }, "fixed": { "epochs": 1 } }
            """);

        Assert.Empty(errors);
        Assert.Equal(6, plan!.Trials.Count);
        foreach (var configuration in plan.Trials.Chunk(2))
        {
            Assert.Equal(configuration[0].Config.LearningRate, configuration[1].Config.LearningRate);
            Assert.Equal(configuration[0].GridPointJson, configuration[1].GridPointJson);
            Assert.Equal([5L, 6L], configuration.Select(t => t.Config.Seed));
        }

        Assert.Equal(3, plan.Trials.Select(t => t.Config.LearningRate).Distinct().Count());
    }

    [Fact]
    public void Plan_RepeatsPastTheTrialLimit_ReportsRepeatsAndPlansNothing()
    {
        var (within, withinErrors) = Plan(Definition("\"repeats\": 5,"), maxTrials: 20);
        var (plan, errors) = Plan(Definition("\"repeats\": 6,"), maxTrials: 20);

        Assert.Empty(withinErrors);
        Assert.Equal(20, within!.Trials.Count);
        Assert.Null(plan);
        var message = Assert.Single(Assert.Single(errors, e => e.Key == "repeats").Value);
        Assert.Contains("24 trials", message, StringComparison.Ordinal);
        Assert.Contains("limit of 20", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    [InlineData("2.5")]
    [InlineData("-1")]
    [InlineData("\"3\"")]
    [InlineData("true")]
    public void Plan_WithInvalidRepeats_ReportsRepeatsAndPlansNothing(string repeats)
    {
        var (plan, errors) = Plan(Definition($"\"repeats\": {repeats},"));

        Assert.Null(plan);
        var message = Assert.Single(Assert.Single(errors).Value);
        Assert.Equal("repeats", Assert.Single(errors).Key);
        Assert.Contains("whole number >= 1 and <= 100", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_RepeatsPastTheLargestSeed_ReportsRepeats()
    {
        var (plan, errors) = Plan(Definition("\"repeats\": 3,").Replace("\"seed\": 42", $"\"seed\": {long.MaxValue - 1}", StringComparison.Ordinal));
        var (last, lastErrors) = Plan(Definition("\"repeats\": 2,").Replace("\"seed\": 42", $"\"seed\": {long.MaxValue - 1}", StringComparison.Ordinal));

        Assert.Null(plan);
        Assert.Contains("largest seed", Assert.Single(errors["repeats"]), StringComparison.Ordinal);
        Assert.Empty(lastErrors);
        Assert.Equal(long.MaxValue, last!.Trials[^1].Config.Seed);
    }

    [Fact]
    public void Plan_MisspelledRepeats_SuggestsRepeats()
    {
        var (plan, errors) = Plan(Definition("\"repeat\": 3,"));

        Assert.Null(plan);
        Assert.Contains("'repeats'", Assert.Single(errors["repeat"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_GridPointsThatMakeOneNetwork_CountAsCollapsedNotAsRepeats()
    {
        // A constant rate has no factor: the two points are one configuration, repeated twice.
        var (plan, errors) = Plan("""
            { "dataset": "mnist", "model": "mlp", "repeats": 2, "grid": { "lrSchedule": ["constant"], "lrFactor": [0.1, 0.5] } }
            """);

        Assert.Empty(errors);
        Assert.Equal(1, plan!.Collapsed);
        Assert.Equal(2, plan.Repeats);
        Assert.Equal([0, 1], plan.Trials.Select(t => t.Repeat));
    }

    [Fact]
    public void RepeatsOf_Definition_IsItsRepeatsOrOne()
    {
        using var repeated = JsonDocument.Parse(Definition("\"repeats\": 4,"));
        using var single = JsonDocument.Parse(Definition(""));

        Assert.Equal(4, SearchPlanner.RepeatsOf(repeated.RootElement));
        Assert.Equal(SearchPlanner.DefaultRepeats, SearchPlanner.RepeatsOf(single.RootElement));
        Assert.Contains("repeats", SearchPlanner.Fields);
    }
}
