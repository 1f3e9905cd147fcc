using System.Text.Json;
using GridSearch.Domain.Definition;
using GridSearch.Domain.Planning;
using GridSearch.Domain.Vocabulary;

namespace GridSearch.Domain.Tests.Planning;

public sealed class SearchPlannerTests
{
    private static (SearchPlan? Plan, IDictionary<string, string[]> Errors) Plan(string json, int maxTrials = 10_000)
    {
        using var document = JsonDocument.Parse(json);
        var errors = new ValidationErrors();
        var plan = SearchPlanner.Plan(document.RootElement, new SearchLimits { MaxTrialsPerSearch = maxTrials }, errors);
        return (plan, errors.ToDictionary());
    }

    private const string DepthWidth = """
        { "name": "mnist-depth-width", "dataset": "mnist", "model": "mlp", "seed": 42,
          "grid":  { "depth": [2, 3, 4], "width": [50, 100, 200, 400], "activation": ["relu"] },
          "fixed": { "optimizer": "adam", "learningRate": 0.001, "batchSize": 128, "epochs": 5, "valSplit": 0.1 } }
        """;

    [Fact]
    public void Plan_DepthTimesWidth_MakesEveryCombinationWithFirstAxisSlowest()
    {
        var (plan, errors) = Plan(DepthWidth);

        Assert.Empty(errors);
        Assert.Equal(12, plan!.Trials.Count);
        Assert.Equal([50, 50], plan.Trials[0].Config.HiddenLayers);
        Assert.Equal([100, 100], plan.Trials[1].Config.HiddenLayers);
        Assert.Equal([400, 400, 400, 400], plan.Trials[11].Config.HiddenLayers);
        Assert.Equal(Enumerable.Range(0, 12), plan.Trials.Select(t => t.Ordinal));
        Assert.All(plan.Trials, t => Assert.Equal(0.001, t.Config.LearningRate));
    }

    [Fact]
    public void QueueOrder_IsTheMostWorkFirst_GridOrderWithLimits_AndASeededShuffleWithAPruner()
    {
        var (plan, _) = Plan(DepthWidth);
        var (limited, _) = Plan(DepthWidth.Replace("\"seed\": 42,", "\"seed\": 42, \"limits\": { \"maxTrials\": 3 },", StringComparison.Ordinal));
        var pruned = "\"seed\": 42, \"pruner\": { \"kind\": \"asha\" },";
        var (asha, _) = Plan(DepthWidth.Replace("\"seed\": 42,", pruned, StringComparison.Ordinal));
        var (again, _) = Plan(DepthWidth.Replace("\"seed\": 42,", pruned, StringComparison.Ordinal));
        var (reseeded, _) = Plan(DepthWidth.Replace("\"seed\": 42,", pruned.Replace("42", "7", StringComparison.Ordinal), StringComparison.Ordinal));

        var queued = plan!.QueueOrder().ToList();
        Assert.Equal([400, 400, 400, 400], queued[0].Config.HiddenLayers);
        Assert.Equal([50, 50], queued[^1].Config.HiddenLayers);
        Assert.Equal(queued.Select(t => t.Work).OrderDescending(), queued.Select(t => t.Work));
        Assert.Equal(Enumerable.Range(0, 12), plan.QueueOrder(longestFirst: false).Select(t => t.Ordinal));
        Assert.Equal(Enumerable.Range(0, 12), limited!.QueueOrder().Select(t => t.Ordinal));

        var shuffled = asha!.QueueOrder().Select(t => t.Ordinal).ToList();
        Assert.Equal(Enumerable.Range(0, 12), shuffled.Order());
        Assert.NotEqual(Enumerable.Range(0, 12), shuffled);
        Assert.Equal(shuffled, again!.QueueOrder().Select(t => t.Ordinal));
        Assert.NotEqual(shuffled, reseeded!.QueueOrder().Select(t => t.Ordinal));
    }

    [Fact]
    public void Plan_SameDefinitionTwiceOrKeysReordered_GivesSameTrialsInSameOrder()
    {
        var reordered = """
            { "fixed": { "valSplit": 0.1, "epochs": 5, "batchSize": 128, "learningRate": 0.001, "optimizer": "adam" },
              "grid":  { "activation": ["relu"], "width": [50, 100, 200, 400], "depth": [2, 3, 4] },
              "seed": 42, "model": "mlp", "dataset": "mnist", "name": "mnist-depth-width" }
            """;

        var first = Plan(DepthWidth).Plan!.Trials.Select(t => t.ConfigHash).ToList();
        var again = Plan(DepthWidth).Plan!.Trials.Select(t => t.ConfigHash).ToList();
        var other = Plan(reordered).Plan!.Trials.Select(t => t.ConfigHash).ToList();

        Assert.Equal(first, again);
        Assert.Equal(first, other);
        Assert.Equal(12, first.Distinct().Count());
    }

    [Fact]
    public void Plan_ResolvesEveryHyperparameterWithDocumentedDefaults()
    {
        var (plan, _) = Plan("""{ "dataset": "fashion-mnist", "model": "mlp" }""");

        var config = Assert.Single(plan!.Trials).Config;
        Assert.Equal("fashion-mnist-mlp", plan.Name);
        Assert.Equal(42, config.Seed);
        Assert.Equal([128, 128], config.HiddenLayers);
        Assert.Equal([ActivationFunction.Relu, ActivationFunction.Relu], config.Activations);
        Assert.Equal(Optimizer.Adam, config.Optimizer);
        Assert.Equal(128, config.BatchSize);
        Assert.Equal(5, config.Epochs);
        Assert.Equal(0.1, config.ValSplit);
        Assert.Equal(0, config.TrainSize);
        Assert.Equal(LearningRateScheduleKind.Constant, config.LrSchedule);
        Assert.Equal(0, config.ConvLayers);
    }

    [Fact]
    public void TrialDefaults_AreWhatADefinitionWithoutGridResolvesTo()
    {
        var (plan, _) = Plan("""{ "dataset": "mnist", "model": "cnn", "seed": 3 }""");

        var config = TrialDefaults.For(Dataset.Mnist, ModelFamily.Cnn, seed: 3);

        Assert.Equal(Assert.Single(plan!.Trials).ConfigJson, GridSearch.Domain.Trials.TrialConfigJson.Serialize(config));
    }

    [Fact]
    public void Plan_ExplicitArchitectures_ReplaceDepthAndWidth()
    {
        var (plan, errors) = Plan("""
            { "dataset": "fashion-mnist", "model": "mlp",
              "grid": { "architecture": [[768], [512, 256]], "dropout": [0.2, 0.25, 0.3] } }
            """);

        Assert.Empty(errors);
        Assert.Equal(6, plan!.Trials.Count);
        Assert.Equal([768], plan.Trials[0].Config.HiddenLayers);
        Assert.Equal([512, 256], plan.Trials[5].Config.HiddenLayers);
        Assert.Equal(LayerShape.Explicit, plan.Trials[0].Config.Shape);
    }

    [Fact]
    public void Plan_GridOverAnAxisThatDoesNotApply_TrainsItsDefaultOnce()
    {
        var (plan, errors) = Plan("""
            { "dataset": "mnist", "model": "mlp",
              "grid": { "batchNorm": [false, true], "batchNormPosition": ["before_activation", "after_activation"],
                        "lrSchedule": ["constant", "step"], "lrFactor": [0.1, 0.5] } }
            """);

        Assert.Empty(errors);
        // batch norm off: the position does not apply; constant rate: the factor does not. 3 × 3, not 4 × 4.
        Assert.Equal(9, plan!.Trials.Count);
        var off = plan.Trials.Where(t => !t.Config.BatchNorm).ToList();
        Assert.Equal(3, off.Count);
        Assert.All(off, t => Assert.Equal(BatchNormPosition.BeforeActivation, t.Config.BatchNormPosition));
        var constant = plan.Trials.Where(t => t.Config.LrSchedule == LearningRateScheduleKind.Constant).ToList();
        Assert.Equal(3, constant.Count);
        Assert.All(constant, t => Assert.Equal(AxisCatalog.LrFactor.Default, t.Config.LrFactor));
        Assert.Equal(9, plan.Trials.Select(t => t.ConfigHash).Distinct().Count());
        Assert.Equal(7, plan.Collapsed);
    }

    [Fact]
    public void Plan_FixedValueOfAnAxisThatDoesNotApply_HashesAsItsDefault()
    {
        var (written, _) = Plan("""{ "dataset": "mnist", "model": "mlp", "fixed": { "testedWeights": "last_epoch", "monitor": "val_accuracy", "lrMin": 0.0001 } }""");
        var (bare, _) = Plan("""{ "dataset": "mnist", "model": "mlp" }""");
        var (applies, _) = Plan("""{ "dataset": "mnist", "model": "mlp", "fixed": { "patience": 3, "testedWeights": "last_epoch" } }""");

        Assert.Equal(Assert.Single(bare!.Trials).ConfigHash, Assert.Single(written!.Trials).ConfigHash);
        Assert.Equal(TestedWeights.LastEpoch, Assert.Single(applies!.Trials).Config.TestedWeights);
    }

    [Theory]
    [InlineData("brick", 3, 300, new[] { 300, 300, 300 })]
    [InlineData("funnel", 3, 300, new[] { 300, 200, 100 })]
    [InlineData("triangle", 3, 400, new[] { 400, 200, 100 })]
    [InlineData("diamond", 3, 100, new[] { 100, 200, 100 })]
    public void Plan_Shape_SetsWidthsByDepth(string shape, int depth, int width, int[] expected)
    {
        var (plan, _) = Plan($$"""{ "dataset": "mnist", "model": "mlp", "fixed": { "shape": "{{shape}}", "depth": {{depth}}, "width": {{width}} } }""");

        Assert.Equal(expected, Assert.Single(plan!.Trials).Config.HiddenLayers);
    }

    [Fact]
    public void Plan_PerLayerActivations_AreKeptInOrder()
    {
        var (plan, errors) = Plan("""
            { "dataset": "mnist", "model": "mlp", "fixed": { "depth": 2 },
              "grid": { "activation": [["relu", "sigmoid"], ["tanh", "relu"], "relu"] } }
            """);

        Assert.Empty(errors);
        Assert.Equal([ActivationFunction.Relu, ActivationFunction.Sigmoid], plan!.Trials[0].Config.Activations);
        Assert.Equal([ActivationFunction.Tanh, ActivationFunction.Relu], plan.Trials[1].Config.Activations);
        Assert.Equal([ActivationFunction.Relu, ActivationFunction.Relu], plan.Trials[2].Config.Activations);
    }

    [Fact]
    public void Plan_StepAndLogRanges_ExpandToTheirValues()
    {
        var (plan, errors) = Plan("""
            { "dataset": "mnist", "model": "mlp",
              "grid": { "batchSize": { "min": 32, "max": 128, "step": 32 }, "learningRate": { "min": 1e-4, "max": 1e-1, "count": 4, "log": true } } }
            """);

        Assert.Empty(errors);
        Assert.Equal(16, plan!.Trials.Count);
        Assert.Equal([32, 64, 96, 128], plan.Trials.Select(t => t.Config.BatchSize).Distinct());
        Assert.Equal([1e-4, 1e-3, 1e-2, 1e-1], plan.Trials.Select(t => t.Config.LearningRate).Distinct());
    }

    [Fact]
    public void Plan_CnnAxes_ResolveIntoConvBlocks()
    {
        var (plan, errors) = Plan("""
            { "dataset": "fashion-mnist", "model": "cnn",
              "grid": { "convLayers": [3, 4], "filters": [32, 64, 128] }, "fixed": { "batchNorm": true, "denseUnits": 0 } }
            """);

        Assert.Empty(errors);
        Assert.Equal(6, plan!.Trials.Count);
        var last = plan.Trials[^1].Config;
        Assert.Equal(4, last.ConvLayers);
        Assert.Equal(128, last.Filters);
        Assert.Equal(4, last.Activations.Count);
        Assert.Empty(last.HiddenLayers);
    }

    [Theory]
    [InlineData("""{ "dataset": "cifar", "model": "mlp" }""", "dataset")]
    [InlineData("""{ "dataset": "mnist", "model": "rnn" }""", "model")]
    [InlineData("""{ "model": "mlp" }""", "dataset")]
    [InlineData("""{ "dataset": "mnist", "model": "mlp", "grid": { "colour": [1] } }""", "grid.colour")]
    [InlineData("""{ "dataset": "mnist", "model": "mlp", "grid": { "activation": ["relu", "swish"] } }""", "grid.activation[1]")]
    [InlineData("""{ "dataset": "mnist", "model": "mlp", "grid": { "optimizer": ["adamax"] } }""", "grid.optimizer[0]")]
    [InlineData("""{ "dataset": "mnist", "model": "mlp", "grid": { "depth": [] } }""", "grid.depth")]
    [InlineData("""{ "dataset": "mnist", "model": "mlp", "grid": { "depth": ["two"] } }""", "grid.depth[0]")]
    [InlineData("""{ "dataset": "mnist", "model": "mlp", "grid": { "depth": [2.5] } }""", "grid.depth[0]")]
    [InlineData("""{ "dataset": "mnist", "model": "mlp", "fixed": { "width": 0 } }""", "fixed.width")]
    [InlineData("""{ "dataset": "mnist", "model": "mlp", "fixed": { "batchSize": -32 } }""", "fixed.batchSize")]
    [InlineData("""{ "dataset": "mnist", "model": "mlp", "fixed": { "epochs": 0 } }""", "fixed.epochs")]
    [InlineData("""{ "dataset": "mnist", "model": "mlp", "fixed": { "learningRate": 0 } }""", "fixed.learningRate")]
    [InlineData("""{ "dataset": "mnist", "model": "mlp", "fixed": { "learningRate": -0.1 } }""", "fixed.learningRate")]
    [InlineData("""{ "dataset": "mnist", "model": "mlp", "fixed": { "dropout": 1 } }""", "fixed.dropout")]
    [InlineData("""{ "dataset": "mnist", "model": "mlp", "grid": { "dropout": [-0.1] } }""", "grid.dropout[0]")]
    [InlineData("""{ "dataset": "mnist", "model": "mlp", "fixed": { "valSplit": 0 } }""", "fixed.valSplit")]
    [InlineData("""{ "dataset": "mnist", "model": "mlp", "fixed": { "valSplit": 1 } }""", "fixed.valSplit")]
    [InlineData("""{ "dataset": "mnist", "model": "mlp", "fixed": { "valSplit": 0.5, "trainSize": 40000 } }""", "fixed.trainSize")]
    [InlineData("""{ "dataset": "mnist", "model": "mlp", "fixed": { "trainSize": 0 } }""", "fixed.trainSize")]
    [InlineData("""{ "dataset": "mnist", "model": "mlp", "grid": { "depth": [2] }, "fixed": { "depth": 3 } }""", "fixed.depth")]
    [InlineData("""{ "dataset": "mnist", "model": "mlp", "grid": { "architecture": [[512]] }, "fixed": { "depth": 3 } }""", "fixed.depth")]
    [InlineData("""{ "dataset": "mnist", "model": "mlp", "fixed": { "filters": 32 } }""", "fixed.filters")]
    [InlineData("""{ "dataset": "mnist", "model": "cnn", "fixed": { "kernelSize": 4 } }""", "fixed.kernelSize")]
    [InlineData("""{ "dataset": "mnist", "model": "mlp", "fixed": { "depth": 3, "activation": ["relu", "tanh"] } }""", "fixed.activation")]
    [InlineData("""{ "dataset": "mnist", "model": "mlp", "grid": { "batchSize": { "min": 64, "max": 32, "step": 8 } } }""", "grid.batchSize")]
    [InlineData("""{ "dataset": "mnist", "model": "mlp", "grid": { "optimizer": { "min": 1, "max": 2, "step": 1 } } }""", "grid.optimizer")]
    [InlineData("""{ "dataset": "mnist", "model": "mlp", "grid": "depth" }""", "grid")]
    [InlineData("""{ "dataset": "mnist", "model": "mlp", "seed": "x" }""", "seed")]
    [InlineData("""{ "dataset": "mnist", "model": "mlp", "extra": 1 }""", "extra")]
    [InlineData("""[1, 2]""", "body")]
    public void Plan_BadInput_NamesTheFieldAndPlansNothing(string json, string field)
    {
        var (plan, errors) = Plan(json);

        Assert.Null(plan);
        Assert.Contains(field, errors.Keys);
    }

    [Fact]
    public void Plan_SeveralProblems_ReportsEveryOne()
    {
        var (_, errors) = Plan("""{ "dataset": "mnist", "model": "mlp", "grid": { "depth": [0], "activation": ["swish"] }, "fixed": { "epochs": -1 } }""");

        Assert.Equal(["fixed.epochs", "grid.activation[0]", "grid.depth[0]"], errors.Keys.Order());
    }

    [Fact]
    public void Plan_MoreTrialsThanTheLimit_SaysHowManyTheGridWouldMake()
    {
        var (plan, errors) = Plan("""{ "dataset": "mnist", "model": "mlp", "grid": { "width": { "min": 1, "max": 200, "step": 1 }, "depth": [1, 2, 3] } }""", maxTrials: 500);

        Assert.Null(plan);
        Assert.Contains("600", Assert.Single(errors["grid"]));
    }

    [Fact]
    public void Plan_StoresEachTrialsGridPointAsWritten()
    {
        var (plan, errors) = Plan("""
            { "dataset": "mnist", "model": "mlp",
              "grid": { "width": [128, 256], "activation": ["relu"], "depth": [2, 3], "optimizer": ["adam", "sgd"] } }
            """);

        Assert.Empty(errors);
        Assert.Equal(["depth", "width", "optimizer"], plan!.Axes);
        Assert.Equal("""{"depth":2,"width":128,"optimizer":"adam"}""", plan.Trials[0].GridPointJson);
        Assert.Equal("""{"depth":3,"width":256,"optimizer":"sgd"}""", plan.Trials[^1].GridPointJson);
        Assert.Equal([256, 256, 256], plan.Trials[^1].Config.HiddenLayers);
    }

    [Fact]
    public void Plan_GridPointOfRangesAndLists_HoldsTheExpandedValues()
    {
        var (plan, _) = Plan("""
            { "dataset": "mnist", "model": "mlp", "fixed": { "depth": 2 },
              "grid": { "learningRate": { "min": 0.001, "max": 0.1, "count": 3, "log": true }, "activation": [["relu", "tanh"], "elu"] } }
            """);

        Assert.Equal("""{"activation":["relu","tanh"],"learningRate":0.001}""", plan!.Trials[0].GridPointJson);
        Assert.Equal("""{"activation":"elu","learningRate":0.1}""", plan.Trials[^1].GridPointJson);
    }

    [Fact]
    public void VaryingAxes_OfADefinition_AreItsGridAxesWithMoreThanOneValueInGridOrder()
    {
        using var document = JsonDocument.Parse("""
            { "dataset": "mnist", "model": "cnn", "grid": { "batchSize": [32, 64], "filters": [16, 32], "activation": ["relu"] } }
            """);

        Assert.Equal(["filters", "batchSize"], SearchPlanner.VaryingAxes(document.RootElement));
    }
}
