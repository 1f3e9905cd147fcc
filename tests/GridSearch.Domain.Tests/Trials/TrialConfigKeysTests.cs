using System.Text.Json;
using GridSearch.Domain.Definition;
using GridSearch.Domain.Trials;
using GridSearch.Domain.Vocabulary;

namespace GridSearch.Domain.Tests.Trials;

public sealed class TrialConfigKeysTests
{
    [Fact]
    public void All_PutsTheKeysNoAxisSetsFirstInConfigOrder_ThenTheAxesInVocabularyOrder()
    {
        Assert.Equal(
            [
                "dataset", "model", "seed", "hiddenLayers", "activations",
                "shape", "convLayers", "filters", "kernelSize", "denseUnits", "batchNorm", "dropout", "initializer", "optimizer",
                "learningRate", "weightDecay", "batchSize", "epochs", "valSplit", "trainSize", "patience", "minDelta", "monitor",
                "lrSchedule", "lrFactor", "lrStep", "lrMin", "augment",
            ],
            TrialConfigKeys.All);
    }

    [Theory]
    [InlineData(ModelFamily.Mlp)]
    [InlineData(ModelFamily.Cnn)]
    public void All_IsEveryKeyOfAConfigOnce(ModelFamily model)
    {
        var config = JsonSerializer.SerializeToElement(TrialDefaults.For(Dataset.FashionMnist, model), TrialConfigJson.Options);

        Assert.Equal(config.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal), TrialConfigKeys.All.Order(StringComparer.Ordinal));
    }
}
