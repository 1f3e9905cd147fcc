using System.Text.Json;
using GridSearch.Domain.Definition;
using GridSearch.Domain.Planning;

namespace GridSearch.Domain.Tests.Definition;

public sealed class SearchStrategyTests
{
    private const string Grid = """
        "grid": { "depth": [1, 2, 3, 4], "width": [16, 32, 64, 128, 256], "learningRate": [0.001, 0.01, 0.1] }
        """;

    private static (SearchPlan? Plan, IDictionary<string, string[]> Errors) Plan(string json)
    {
        using var document = JsonDocument.Parse(json);
        var errors = new ValidationErrors();
        var plan = SearchPlanner.Plan(document.RootElement, new SearchLimits(), errors);
        return (plan, errors.ToDictionary());
    }

    [Fact]
    public void Random_WithFraction_SamplesThatShareOfTheGridWithoutReplacement_TheSameEveryTime()
    {
        var definition = $$"""{ "dataset": "mnist", "model": "mlp", "seed": 7, "strategy": { "kind": "random", "fraction": 0.25 }, {{Grid}} }""";

        var (first, errors) = Plan(definition);
        var (second, _) = Plan(definition);

        Assert.Empty(errors);
        Assert.Equal(15, first!.Trials.Count);
        Assert.Equal(15, first.Trials.Select(t => t.ConfigHash).Distinct().Count());
        Assert.Equal(first.Trials.Select(t => t.ConfigHash), second!.Trials.Select(t => t.ConfigHash));
        Assert.Equal(Enumerable.Range(0, 15), first.Trials.Select(t => t.Ordinal));
    }

    [Fact]
    public void Random_SampledPoints_AreGridPointsInGridOrder_AndAnotherSeedPicksOthers()
    {
        var (full, _) = Plan($$"""{ "dataset": "mnist", "model": "mlp", "seed": 7, {{Grid}} }""");
        var (sample, _) = Plan($$"""{ "dataset": "mnist", "model": "mlp", "seed": 7, "strategy": { "kind": "random", "count": 10 }, {{Grid}} }""");
        var (other, _) = Plan($$"""{ "dataset": "mnist", "model": "mlp", "seed": 8, "strategy": { "kind": "random", "count": 10 }, {{Grid}} }""");

        var order = full!.Trials.Select(t => t.GridPointJson).ToList();
        var positions = sample!.Trials.Select(t => order.IndexOf(t.GridPointJson)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
        Assert.NotEqual(sample.Trials.Select(t => t.GridPointJson), other!.Trials.Select(t => t.GridPointJson));
    }

    [Fact]
    public void Random_WithCount_OnAGridLargerThanTheTrialLimit_PlansOnlyTheSample()
    {
        var (plan, errors) = Plan("""
            { "dataset": "mnist", "model": "mlp", "strategy": { "kind": "random", "count": 25 },
              "grid": { "width": { "min": 1, "max": 200, "step": 1 }, "batchSize": { "min": 1, "max": 200, "step": 1 } } }
            """);

        Assert.Empty(errors);
        Assert.Equal(25, plan!.Trials.Count);
    }

    [Fact]
    public void NoStrategy_OrKindGrid_RunsEveryPoint()
    {
        var (none, _) = Plan($$"""{ "dataset": "mnist", "model": "mlp", {{Grid}} }""");
        var (grid, errors) = Plan($$"""{ "dataset": "mnist", "model": "mlp", "strategy": { "kind": "grid" }, {{Grid}} }""");

        Assert.Empty(errors);
        Assert.Equal(60, none!.Trials.Count);
        Assert.Equal(none.Trials.Select(t => t.ConfigHash), grid!.Trials.Select(t => t.ConfigHash));
    }

    [Theory]
    [InlineData("""{ "kind": "random", "fraction": 0 }""", "strategy.fraction")]
    [InlineData("""{ "kind": "random", "fraction": 1.5 }""", "strategy.fraction")]
    [InlineData("""{ "kind": "random", "count": 0 }""", "strategy.count")]
    [InlineData("""{ "kind": "random", "count": 61 }""", "strategy.count")]
    [InlineData("""{ "kind": "random", "fraction": 0.5, "count": 3 }""", "strategy")]
    [InlineData("""{ "kind": "random" }""", "strategy")]
    [InlineData("""{ "kind": "grid", "count": 3 }""", "strategy")]
    [InlineData("""{ "kind": "bayesian" }""", "strategy.kind")]
    [InlineData("""{ "kind": "random", "count": 3, "rounds": 2 }""", "strategy.rounds")]
    [InlineData("""[ "random" ]""", "strategy")]
    public void Plan_WithABadStrategy_NamesTheFieldAndPlansNothing(string strategy, string field)
    {
        var (plan, errors) = Plan($$"""{ "dataset": "mnist", "model": "mlp", "strategy": {{strategy}}, {{Grid}} }""");

        Assert.Null(plan);
        Assert.Contains(field, errors.Keys);
    }
}
