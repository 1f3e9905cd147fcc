using System.Text.Json;
using GridSearch.Domain.Definition;
using GridSearch.Domain.Planning;
using GridSearch.Domain.Trials;

namespace GridSearch.Domain.Tests.Definition;

public sealed class SearchStopLimitsTests
{
    private static (SearchStopLimits? Limits, IDictionary<string, string[]> Errors) Read(string limits)
    {
        using var document = JsonDocument.Parse($$"""{ "limits": {{limits}} }""");
        var errors = new ValidationErrors();
        return (SearchStopLimits.Read(document.RootElement, errors), errors.ToDictionary());
    }

    [Fact]
    public void Read_TakesEachLimit_AndNoneWithoutThem()
    {
        var (limits, errors) = Read("""{ "maxTrials": 40, "timeLimitMinutes": 90, "target": { "metric": "valAccuracy", "value": 0.99 } }""");

        Assert.Empty(errors);
        Assert.Equal(new SearchStopLimits(40, 90, new StopTarget(EpochMetric.ValAccuracy, 0.99)), limits);
        Assert.Equal(TimeSpan.FromMinutes(90), limits!.TimeLimit);
        using var document = JsonDocument.Parse("{}");
        Assert.True(SearchStopLimits.Read(document.RootElement, new ValidationErrors())!.IsNone);
    }

    [Theory]
    [InlineData("""{ "maxTrials": 0 }""", "limits.maxTrials")]
    [InlineData("""{ "maxTrials": 2.5 }""", "limits.maxTrials")]
    [InlineData("""{ "timeLimitMinutes": -1 }""", "limits.timeLimitMinutes")]
    [InlineData("""{ "timeLimitMinutes": "90" }""", "limits.timeLimitMinutes")]
    [InlineData("""{ "target": { "metric": "testAccuracy", "value": 0.9 } }""", "limits.target.metric")]
    [InlineData("""{ "target": { "metric": "valAccuracy", "value": 1.5 } }""", "limits.target.value")]
    [InlineData("""{ "target": { "metric": "valLoss", "value": -0.1 } }""", "limits.target.value")]
    [InlineData("""{ "target": { "metric": "valAccuracy" } }""", "limits.target")]
    [InlineData("""{ "target": 0.99 }""", "limits.target")]
    [InlineData("""{ "rounds": 3 }""", "limits.rounds")]
    [InlineData("[]", "limits")]
    public void Read_NamesTheBadField(string limits, string field)
    {
        var (read, errors) = Read(limits);

        Assert.Null(read);
        Assert.Contains(field, errors.Keys);
    }

    [Fact]
    public void Planner_RefusesADefinitionWithBadLimitsOrPruner_NamingEachField()
    {
        using var document = JsonDocument.Parse("""
            { "dataset": "mnist", "model": "mlp", "grid": { "depth": [1, 2] },
              "limits": { "maxTrials": 0 }, "pruner": { "kind": "asha", "reductionFactor": 1 } }
            """);
        var errors = new ValidationErrors();

        Assert.Null(SearchPlanner.Plan(document.RootElement, new SearchLimits(), errors));
        Assert.True(errors.Has("limits.maxTrials"));
        Assert.True(errors.Has("pruner.reductionFactor"));
    }

    [Fact]
    public void Target_IsReachedAtItsValue_UpwardsForAnAccuracy_DownwardsForALoss()
    {
        var accuracy = new StopTarget(EpochMetric.ValAccuracy, 0.9);
        var loss = new StopTarget(EpochMetric.ValLoss, 0.2);

        Assert.True(accuracy.ReachedBy(new Epoch { ValAccuracy = 0.9 }));
        Assert.False(accuracy.ReachedBy(new Epoch { ValAccuracy = 0.89 }));
        Assert.True(loss.ReachedBy(new Epoch { ValLoss = 0.19 }));
        Assert.False(loss.ReachedBy(new Epoch { ValLoss = 0.21 }));
    }
}
