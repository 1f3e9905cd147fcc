using System.Text.Json;
using GridSearch.Domain.Definition;
using GridSearch.Domain.Planning;
using GridSearch.Domain.Vocabulary;

namespace GridSearch.Domain.Tests.Vocabulary;

public sealed class ModelFamilyTextTests
{
    [Theory]
    [InlineData(ModelFamily.Mlp, "an MLP")]
    [InlineData(ModelFamily.Cnn, "a CNN")]
    public void WithArticle_ReadsTheInitialismLetterByLetter(ModelFamily model, string expected)
    {
        Assert.Equal(expected, ModelFamilyText.WithArticle(model));
    }

    [Theory]
    [InlineData("mlp", "filters", "'filters' applies to CNN models only, and this search trains an MLP.")]
    [InlineData("cnn", "depth", "'depth' applies to MLP models only, and this search trains a CNN.")]
    public void Plan_WithAnAxisOfTheOtherFamily_SaysWhichFamilyEachIsInWords(string model, string axis, string expected)
    {
        using var definition = JsonDocument.Parse($$"""{ "dataset": "mnist", "model": "{{model}}", "fixed": { "{{axis}}": 3 } }""");
        var errors = new ValidationErrors();

        Assert.Null(SearchPlanner.Plan(definition.RootElement, new SearchLimits(), errors));
        Assert.Equal(expected, Assert.Single(errors.ToDictionary()[$"fixed.{axis}"]));
    }
}
