using System.Text.Json;
using GridSearch.Domain.Definition;
using GridSearch.Domain.Planning;
using GridSearch.Domain.Sampling;
using GridSearch.Domain.Trials;

namespace GridSearch.Domain.Tests.Planning;

/// <summary>A tpe strategy's planning: its count, its space, its warm-start points, startFrom, and the dry run's words.</summary>
public sealed class TpePlanningTests
{
    private static (SearchPlan? Plan, IDictionary<string, string[]> Errors) Plan(string json)
    {
        using var document = JsonDocument.Parse(json);
        var errors = new ValidationErrors();
        var plan = SearchPlanner.Plan(document.RootElement, new SearchLimits(), errors);
        return (plan, errors.ToDictionary());
    }

    [Fact]
    public void Plan_OfTpeOverAFiniteGrid_WithoutACount_RunsEveryPoint_AndQueuesThemAllUnsuggested()
    {
        var (plan, errors) = Plan("""{ "dataset": "mnist", "model": "mlp", "strategy": { "kind": "tpe" }, "grid": { "depth": [1, 2], "width": [32, 64, 128] } }""");

        Assert.Empty(errors);
        Assert.Equal((6, 6), (plan!.Tpe!.Count, plan.Tpe.Suggested));
        Assert.Empty(plan.Trials);
        Assert.Equal(["depth", "width"], plan.Tpe.Space.Space.Axes.Select(a => a.Name));
        Assert.All(plan.Tpe.Space.Space.Axes, a => Assert.False(a.IsRange));
    }

    [Fact]
    public void Plan_OfTpe_MakesALogRangeWithoutStepAContinuousAxis_AndASteppedOneAList()
    {
        var (plan, errors) = Plan("""
            { "dataset": "mnist", "model": "mlp", "strategy": { "kind": "tpe", "count": 30 },
              "grid": { "learningRate": { "min": 0.0001, "max": 0.1, "log": true }, "width": { "min": 32, "max": 128, "step": 32 }, "depth": { "min": 1, "max": 4 } } }
            """);

        Assert.Empty(errors);
        var axes = plan!.Tpe!.Space.Space.Axes.ToDictionary(a => a.Name);
        Assert.Equal((true, true, false), (axes["learningRate"].IsRange, axes["learningRate"].Log, axes["learningRate"].Integer));
        Assert.Equal((true, true), (axes["depth"].IsRange, axes["depth"].Integer));
        Assert.Equal([32, 64, 96, 128], axes["width"].Choices!.Cast<int>());
        var given = new Dictionary<string, object> { ["depth"] = 2, ["width"] = 64, ["learningRate"] = 0.00123456789012345 };
        var trial = plan.Tpe.Space.Resolve([.. plan.Tpe.Space.Space.Axes.Select(a => given[a.Name])], 0)!;
        Assert.Equal((0.001234567890, 2), (trial.Config.LearningRate, trial.Config.HiddenLayers.Count));
    }

    [Theory]
    [InlineData("""{ "kind": "tpe" }""", "strategy.count")]
    [InlineData("""{ "kind": "tpe", "count": 5, "fraction": 0.5 }""", "strategy.fraction")]
    [InlineData("""{ "kind": "random", "count": 5, "points": [{ "width": 32 }] }""", "strategy.points")]
    [InlineData("""{ "kind": "tpe", "count": 1, "points": [{ "width": 32 }, { "width": 64 }] }""", "strategy.points")]
    [InlineData("""{ "kind": "tpe", "count": 5, "points": [{ "width": 48 }] }""", "strategy.points[0].width")]
    [InlineData("""{ "kind": "tpe", "count": 5, "points": [{ "width": 32, "learningRate": 2 }] }""", "strategy.points[0].learningRate")]
    [InlineData("""{ "kind": "tpe", "count": 5, "points": [{ "width": 32, "depth": 3 }] }""", "strategy.points[0].depth")]
    [InlineData("""{ "kind": "tpe", "count": 5, "points": [{ "width": 32, "learningRate": 0.5, "batchSize": 64 }] }""", "strategy.points[0].batchSize")]
    [InlineData("""{ "kind": "tpe", "count": 5, "points": [{ "learningRate": 0.5 }] }""", "strategy.points[0].width")]
    public void Plan_WithABadTpeStrategy_NamesTheField(string strategy, string field)
    {
        var (plan, errors) = Plan($$"""
            { "dataset": "mnist", "model": "mlp", "strategy": {{strategy}},
              "grid": { "width": [32, 64], "learningRate": { "min": 0.001, "max": 1, "log": true } } }
            """);

        Assert.Null(plan);
        Assert.Contains(field, errors.Keys);
    }

    [Theory]
    [InlineData("""{ "searchId": 0 }""", "startFrom.searchId")]
    [InlineData("""{ "top": 3 }""", "startFrom.searchId")]
    [InlineData("""{ "searchId": 4, "top": 0 }""", "startFrom.top")]
    [InlineData("""{ "searchId": 4, "best": 3 }""", "startFrom.best")]
    public void Plan_WithABadStartFrom_NamesTheField(string startFrom, string field)
    {
        var (plan, errors) = Plan($$"""{ "dataset": "mnist", "model": "mlp", "strategy": { "kind": "tpe" }, "startFrom": {{startFrom}}, "grid": { "width": [32, 64] } }""");

        Assert.Null(plan);
        Assert.Contains(field, errors.Keys);
    }

    [Fact]
    public void Plan_WithStartFromAndAGridStrategy_IsRefused()
    {
        var (plan, errors) = Plan("""{ "dataset": "mnist", "model": "mlp", "startFrom": { "searchId": 4 }, "grid": { "width": [32, 64] } }""");

        Assert.Null(plan);
        Assert.Contains("startFrom", errors.Keys);
    }

    [Fact]
    public void Plan_WithPoints_ResolvesThemFirst_ChosenByPoint_EachConfigOnce_AndSaysSo()
    {
        var (plan, errors) = Plan("""
            { "dataset": "mnist", "model": "mlp",
              "strategy": { "kind": "tpe", "count": 20, "points": [{ "width": 64, "learningRate": 0.01 }, { "width": 32, "learningRate": 0.01 }, { "width": 64, "learningRate": 0.01 }] },
              "grid": { "width": [32, 64, 128], "depth": [2], "learningRate": { "min": 0.001, "max": 0.1 } }, "startFrom": { "searchId": 7, "top": 3 } }
            """);

        Assert.Empty(errors);
        Assert.Equal([[64, 64], [32, 32]], plan!.Trials.Select(t => t.Config.HiddenLayers.ToArray()));
        Assert.All(plan.Trials, t => Assert.Equal(ChosenBy.Point, t.ChosenBy));
        Assert.Equal([0, 1], plan.QueueOrder().Select(t => t.Ordinal));
        Assert.Equal(new StartFrom(7, 3), plan.Tpe!.StartFrom);
        Assert.Equal(18, plan.Tpe.Suggested);
        Assert.Equal(20, plan.TrialCount);
        Assert.Equal(
            $"20 trials: 2 warm-start points, then {new TpeOptions().StartupTrials} startup trials drawn at random, then suggested by TPE from the finished ones",
            plan.Tpe.Describe());
    }

    [Fact]
    public void WithWarmStarts_AddsTheEarlierSearchsConfigsAfterThePoints_SkippingRepeats_UpToTheCount()
    {
        var (plan, _) = Plan("""{ "dataset": "mnist", "model": "mlp", "strategy": { "kind": "tpe", "count": 3, "points": [{ "width": 64 }] }, "grid": { "width": [32, 64, 128, 256] } }""");
        var space = plan!.Tpe!.Space;
        var earlier = new[] { 64, 128, 256, 32 }.Select(w => space.Resolve([w], 0)! with { ChosenBy = ChosenBy.StartFrom });

        var warm = plan.WithWarmStarts(earlier);

        Assert.Equal([64, 128, 256], warm.Trials.Select(t => t.Config.HiddenLayers[0]));
        Assert.Equal([ChosenBy.Point, ChosenBy.StartFrom, ChosenBy.StartFrom], warm.Trials.Select(t => t.ChosenBy));
        Assert.Equal([0, 1, 2], warm.Trials.Select(t => t.Ordinal));
        Assert.Equal(0, warm.Tpe!.Suggested);
    }

    [Fact]
    public void PointOf_AnEarlierTrial_IsItsPointWhenItLiesInTheSpace_AndSameSettingsComparesAllButTheSeed()
    {
        var (plan, _) = Plan("""{ "dataset": "mnist", "model": "mlp", "strategy": { "kind": "tpe", "count": 5 }, "grid": { "width": [32, 64], "learningRate": { "min": 0.001, "max": 0.1 } }, "fixed": { "epochs": 3 } }""");
        var (other, _) = Plan("""{ "dataset": "mnist", "model": "mlp", "seed": 7, "grid": { "width": [64, 256], "learningRate": [0.01, 0.5] }, "fixed": { "epochs": 3 } }""");
        var (longer, _) = Plan("""{ "dataset": "mnist", "model": "mlp", "grid": { "width": [64] , "learningRate": [0.01] }, "fixed": { "epochs": 4 } }""");
        var space = plan!.Tpe!.Space;

        var inside = other!.Trials.Single(t => t.Config.HiddenLayers[0] == 64 && t.Config.LearningRate == 0.01);
        var point = space.PointOf(inside.GridPointJson, inside.ConfigJson);
        Assert.Equal([64, 0.01], point!);
        Assert.True(space.SameSettings(point!, inside.ConfigJson));
        Assert.Null(space.PointOf(other.Trials.Single(t => t.Config.HiddenLayers[0] == 256 && t.Config.LearningRate == 0.01).GridPointJson, other.Trials[0].ConfigJson));
        Assert.Null(space.PointOf(other.Trials.Single(t => t.Config.HiddenLayers[0] == 64 && t.Config.LearningRate == 0.5).GridPointJson, other.Trials[0].ConfigJson));
        Assert.False(space.SameSettings(point!, longer!.Trials[0].ConfigJson));
    }
}
