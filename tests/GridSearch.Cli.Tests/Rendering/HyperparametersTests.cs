using System.Text.Json;
using GridSearch.Api.Vocabulary;
using GridSearch.Cli.Rendering;
using GridSearch.Contracts.Leaderboard;
using GridSearch.Contracts.Searches;
using GridSearch.Contracts.Vocabulary;
using GridSearch.Domain.Trials;
using GridSearch.Domain.Vocabulary;

namespace GridSearch.Cli.Tests.Rendering;

public sealed class HyperparametersTests
{
    /// <summary>The vocabulary as the CLI receives it: GET /api/axes's body, read as the CLI reads it.</summary>
    private static readonly Hyperparameters Subject = new(
        JsonSerializer.Deserialize<VocabularyResponse>(JsonSerializer.Serialize(VocabularyResponses.Current, JsonSerializerOptions.Web), JsonSerializerOptions.Web)!);

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static JsonElement DefaultConfig(ModelFamily model) =>
        Json(TrialConfigJson.Serialize(GridSearch.Domain.Definition.TrialDefaults.For(Dataset.Mnist, model)));

    private static SearchResponse SearchOf(string model, params string[] axes) =>
        new(1, "s", "mnist", model, "running", default, axes, 4, new TrialCountsResponse(4, 0, 0, 0, 0), null, DateTimeOffset.UnixEpoch, null, null);

    [Fact]
    public void For_ASearchThatVariesAxes_IsThoseAxesInItsOrder_ReadFromTheGridPoint()
    {
        var columns = Subject.For(SearchOf("mlp", "depth", "width"), DefaultConfig(ModelFamily.Mlp));

        Assert.Equal(["depth", "width"], columns.Select(c => c.Name));
        Assert.Equal("depth=3 width=256", Subject.Describe(columns, Json("""{"width":256,"depth":3}"""), DefaultConfig(ModelFamily.Mlp)));
    }

    [Fact]
    public void For_AnMlpSearchThatVariesNothing_IsItsLayersActivationsAndShape()
    {
        var columns = Subject.For(SearchOf("mlp"), DefaultConfig(ModelFamily.Mlp));

        Assert.Equal(["hiddenLayers", "activations", "shape"], columns.Select(c => c.Name));
        Assert.Equal("hiddenLayers=128-128 activations=relu-relu shape=brick", Subject.Describe(columns, Json("{}"), DefaultConfig(ModelFamily.Mlp)));
    }

    [Fact]
    public void For_ACnnSearchThatVariesNothing_IsItsActivationsAndConvolutionAxes()
    {
        var columns = Subject.For(SearchOf("cnn"), DefaultConfig(ModelFamily.Cnn));

        Assert.Equal(["activations", "convLayers", "filters", "kernelSize", "denseUnits"], columns.Select(c => c.Name));
    }

    [Fact]
    public void For_EntriesOfSeveralSearches_IsEveryAxisTheirGridPointsHave_InGridOrder()
    {
        var config = DefaultConfig(ModelFamily.Mlp);
        LeaderboardEntryResponse Entry(string gridPoint) => new(1, 1, 1, 0.9, 0.1, null, null, Json(gridPoint), config);

        var columns = Subject.For([Entry("""{"learningRate":0.1}"""), Entry("""{"width":64,"depth":1}"""), Entry("{}")]);

        Assert.Equal(["depth", "width", "learningRate"], columns.Select(c => c.Name));
        Assert.Equal("-", Subject.Value(columns[0], Json("""{"learningRate":0.1}"""), Json("{}")));
    }

    [Fact]
    public void Value_OfAnAxisTheGridPointLacks_IsTheConfigsSameNamedValue()
    {
        var column = new HyperparameterColumn("learningRate", FromGridPoint: true);

        Assert.Equal("0.001", Subject.Value(column, Json("{}"), DefaultConfig(ModelFamily.Mlp)));
    }

    [Fact]
    public void InConfigOrder_IsThePublishedConfigKeyOrder_UnknownKeysLast()
    {
        var config = Json("""{"seed":1,"zeta":0,"optimizer":"adam","dataset":"mnist","alpha":0,"hiddenLayers":[64],"shape":"brick"}""");

        Assert.Equal(["dataset", "seed", "hiddenLayers", "shape", "optimizer", "alpha", "zeta"], Subject.InConfigOrder(config).Select(p => p.Name));
    }

    [Theory]
    [InlineData(ModelFamily.Mlp, "convLayers", "shape")]
    [InlineData(ModelFamily.Cnn, "shape", "convLayers")]
    public void InConfigOrder_LeavesOutTheAxesOfTheOtherModelFamily(ModelFamily model, string leftOut, string kept)
    {
        var names = Subject.InConfigOrder(DefaultConfig(model)).Select(p => p.Name).ToList();

        Assert.DoesNotContain(leftOut, names);
        Assert.Contains(kept, names);
        var otherFamily = VocabularyResponses.Current.Axes.Where(a => a.Model is { } family && family != EnumNames.Of(model)).Select(a => a.Name);
        Assert.Empty(names.Intersect(otherFamily));
    }

    [Fact]
    public void InConfigOrder_PrintsADefaultWithAPublishedLabelAsTheLabel_AndAnyOtherValueAsItIs()
    {
        var all = Subject.InConfigOrder(DefaultConfig(ModelFamily.Mlp)).ToDictionary(p => p.Name, p => p.Value);
        var some = Subject.InConfigOrder(Json("""{"model":"mlp","trainSize":5000,"patience":0}""")).ToDictionary(p => p.Name, p => p.Value);

        Assert.Equal("all", all["trainSize"]);
        Assert.Equal("5000", some["trainSize"]);
        Assert.Equal("0", some["patience"]);
    }

    [Theory]
    [InlineData("[512, 256]", "512-256")]
    [InlineData("[\"relu\", \"tanh\"]", "relu-tanh")]
    [InlineData("0.001", "0.001")]
    [InlineData("true", "true")]
    [InlineData("\"adam\"", "adam")]
    [InlineData("null", "")]
    public void Print_JoinsListsWithThePublishedSeparatorAndKeepsNumbersAsWritten(string json, string expected)
    {
        Assert.Equal(expected, Subject.Print(Json(json)));
    }
}
