using System.Globalization;
using System.Text.Json;
using GridSearch.Domain.Definition;
using GridSearch.Domain.Planning;

namespace GridSearch.Domain.Tests.Definition;

/// <summary>In a random search a numeric range without step or count is sampled continuously, seeded.</summary>
public sealed class ContinuousRangeTests
{
    private static (SearchPlan? Plan, IDictionary<string, string[]> Errors) Plan(string json)
    {
        using var document = JsonDocument.Parse(json);
        var errors = new ValidationErrors();
        var plan = SearchPlanner.Plan(document.RootElement, new SearchLimits(), errors);
        return (plan, errors.ToDictionary());
    }

    private static string Random(string strategy, long seed = 7) => $$"""
        { "dataset": "mnist", "model": "mlp", "seed": {{seed}}, "strategy": {{strategy}},
          "grid": { "depth": [1, 2], "width": { "min": 16, "max": 512 }, "learningRate": { "min": 1e-5, "max": 1e-1, "log": true } } }
        """;

    private static List<double> Values(SearchPlan plan, string axis) =>
        [.. plan.Trials.Select(t => JsonDocument.Parse(t.GridPointJson).RootElement.GetProperty(axis).GetDouble())];

    [Fact]
    public void RandomCount_DrawsEachTrialsValuesWithinTheRange_TheSameEveryTime_AndAnotherSeedDrawsOthers()
    {
        var (first, errors) = Plan(Random("""{ "kind": "random", "count": 40 }"""));
        var (again, _) = Plan(Random("""{ "kind": "random", "count": 40 }"""));
        var (other, _) = Plan(Random("""{ "kind": "random", "count": 40 }""", seed: 8));

        Assert.Empty(errors);
        Assert.Equal(40, first!.Trials.Count);
        Assert.Equal(40, first.Trials.Select(t => t.ConfigHash).Distinct().Count());
        Assert.Equal(first.Trials.Select(t => t.ConfigJson), again!.Trials.Select(t => t.ConfigJson));
        Assert.NotEqual(first.Trials.Select(t => t.ConfigJson), other!.Trials.Select(t => t.ConfigJson));
        Assert.Equal(["depth", "width", "learningRate"], first.Axes);
        var widths = Values(first, "width");
        Assert.All(widths, w => Assert.True(w is >= 16 and <= 512 && w == Math.Floor(w), w.ToString(CultureInfo.InvariantCulture)));
        Assert.All(first.Trials, t => Assert.Equal(
            (int)JsonDocument.Parse(t.GridPointJson).RootElement.GetProperty("width").GetDouble(),
            t.Config.HiddenLayers[0]));
        Assert.Contains(1, first.Trials.Select(t => t.Config.HiddenLayers.Count));
        Assert.Contains(2, first.Trials.Select(t => t.Config.HiddenLayers.Count));
    }

    [Fact]
    public void LogRange_IsLogUniform_EveryDecadeGetsDraws()
    {
        var (plan, errors) = Plan(Random("""{ "kind": "random", "count": 40 }"""));

        Assert.Empty(errors);
        var rates = Values(plan!, "learningRate");
        Assert.All(rates, r => Assert.InRange(r, 1e-5, 1e-1));
        Assert.Equal(rates, plan!.Trials.Select(t => t.Config.LearningRate));
        // Uniform in the exponent: four decades, ten draws each on average; a uniform draw would put
        // nearly all of them in the last decade.
        var perDecade = rates.GroupBy(r => (int)Math.Floor(Math.Log10(r))).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal([-5, -4, -3, -2], perDecade.Keys.Order());
        Assert.All(perDecade.Values, n => Assert.True(n >= 4, string.Join(", ", perDecade)));
    }

    [Theory]
    [InlineData("""{ "kind": "random", "fraction": 0.5 }""", "strategy.count")]
    [InlineData("""{ "kind": "grid" }""", "grid.width")]
    [InlineData("""null""", "grid.width")]
    public void AContinuousRange_NeedsARandomStrategyWithACount(string strategy, string field)
    {
        var (plan, errors) = Plan(Random(strategy));

        Assert.Null(plan);
        Assert.True(errors.ContainsKey(field), string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
    }

    [Theory]
    [InlineData("""{ "dropout": { "min": 0, "max": 1 } }""", "grid.dropout.max")]
    [InlineData("""{ "learningRate": { "min": 0, "max": 0.1, "log": true } }""", "grid.learningRate.log")]
    [InlineData("""{ "width": { "min": 16.5, "max": 64 } }""", "grid.width")]
    public void AContinuousRange_WhoseEndsAreNotValuesOfTheAxis_IsRefused(string grid, string field)
    {
        var (plan, errors) = Plan($$"""{ "dataset": "mnist", "model": "mlp", "strategy": { "kind": "random", "count": 5 }, "grid": {{grid}} }""");

        Assert.Null(plan);
        Assert.True(errors.ContainsKey(field), string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
    }
}
