using System.Text.Json;
using GridSearch.Core.Search;
using GridSearch.Domain.Definition;
using GridSearch.Domain.Planning;

namespace GridSearch.Core.Tests.Search;

/// <summary>Common mistakes in a definition: each is one error, at its field, that says what was meant.</summary>
public sealed class SearchPlannerMistakeTests
{
    private static IDictionary<string, string[]> Errors(string json)
    {
        using var document = JsonDocument.Parse(json);
        var errors = new ValidationErrors();
        Assert.Null(SearchPlanner.Plan(document.RootElement, new SearchLimits(), errors));
        return errors.ToDictionary();
    }

    [Fact]
    public void Plan_MisspelledAxis_SaysWhichAxisItMeant_WithoutListingThemAll()
    {
        var errors = Errors("""{ "dataset": "mnist", "model": "mlp", "grid": { "widht": [64, 128] } }""");

        var message = Assert.Single(Assert.Single(errors, e => e.Key == "grid.widht").Value);
        Assert.Equal("unknown axis 'widht'; did you mean 'width'?", message);
        Assert.Single(errors);
    }

    [Fact]
    public void Plan_AxisNearNothing_ListsTheKnownAxes()
    {
        var errors = Errors("""{ "dataset": "mnist", "model": "mlp", "fixed": { "colourSpace": "rgb" } }""");

        Assert.Contains("known axes: ", Assert.Single(errors["fixed.colourSpace"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_MisspelledStrategy_IsOneError_NotAlsoTheRangeOnlyARandomSearchMayDraw()
    {
        // Read as a grid search, the continuous range would be a second error, about the range.
        var errors = Errors("""
            { "dataset": "mnist", "model": "mlp", "stratgy": { "kind": "random", "count": 4 },
              "grid": { "learningRate": { "min": 0.0001, "max": 0.1, "log": true } }, "fixed": { "epochs": 1 } }
            """);

        var (field, messages) = Assert.Single(errors);
        Assert.Equal("stratgy", field);
        Assert.Equal("unknown field; did you mean 'strategy'?", Assert.Single(messages));
    }

    [Fact]
    public void Plan_MisspelledModel_IsOneError_NotAlsoModelIsRequired()
    {
        var errors = Errors("""{ "dataset": "mnist", "modle": "cnn", "grid": { "filters": [16, 32] } }""");

        var (field, messages) = Assert.Single(errors);
        Assert.Equal("modle", field);
        Assert.Equal("unknown field; did you mean 'model'?", Assert.Single(messages));
    }

    [Fact]
    public void Plan_MisspelledFieldBesideTheRealOne_StillChecksTheRealOne()
    {
        var errors = Errors("""{ "dataset": "mnist", "model": "mlpp", "modle": "cnn" }""");

        Assert.Equal("unknown field; did you mean 'model'?", Assert.Single(errors["modle"]));
        Assert.Equal("unknown model \"mlpp\"; did you mean 'mlp'?", Assert.Single(errors["model"]));
    }

    [Fact]
    public void Plan_MisspelledDataset_SaysWhichDatasetItMeant()
    {
        var errors = Errors("""{ "dataset": "fashion_mnist", "model": "mlp" }""");

        Assert.Equal("unknown dataset \"fashion_mnist\"; did you mean 'fashion-mnist'?", Assert.Single(Assert.Single(errors).Value));
    }

    [Fact]
    public void Plan_UnknownDatasetNearNothing_ListsTheDatasets()
    {
        var errors = Errors("""{ "dataset": "cifar10", "model": "mlp" }""");

        Assert.Equal("unknown dataset \"cifar10\"; allowed: mnist, fashion-mnist.", Assert.Single(errors["dataset"]));
    }

    [Fact]
    public void Plan_AxisAtTheTopLevel_SaysItBelongsInGridOrFixed()
    {
        var errors = Errors("""{ "dataset": "mnist", "model": "mlp", "epochs": 3 }""");

        Assert.Equal("unknown field; 'epochs' is an axis: give it in grid or in fixed.", Assert.Single(errors["epochs"]));
    }

    [Fact]
    public void Plan_MisspelledChoiceOfAnAxis_SaysWhichValueItMeant()
    {
        var errors = Errors("""{ "dataset": "mnist", "model": "mlp", "grid": { "activation": ["relu", "tahn"] } }""");

        Assert.Equal("unknown activation 'tahn'; did you mean 'tanh'?", Assert.Single(errors["grid.activation[1]"]));
    }
}
