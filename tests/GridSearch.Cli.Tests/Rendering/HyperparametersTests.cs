using System.Text.Json;
using GridSearch.Cli.Rendering;

namespace GridSearch.Cli.Tests.Rendering;

public sealed class HyperparametersTests
{
    private static JsonElement Config(string json) => JsonDocument.Parse(json).RootElement.Clone();

    [Fact]
    public void Varying_NamesTheKeysWhoseValuesDifferInConfigOrder()
    {
        var configs = new[]
        {
            Config("""{ "model": "mlp", "hiddenLayers": [64], "optimizer": "adam", "learningRate": 0.01 }"""),
            Config("""{ "model": "mlp", "hiddenLayers": [64, 64], "optimizer": "adam", "learningRate": 0.001 }"""),
        };

        Assert.Equal(["hiddenLayers", "learningRate"], Hyperparameters.Varying(configs));
    }

    [Fact]
    public void KeysToShow_WhenNothingVaries_DescribesTheModel()
    {
        var cnn = Config("""{ "model": "cnn", "hiddenLayers": [], "convLayers": 2, "filters": 32, "kernelSize": 3, "denseUnits": 128, "optimizer": "sgd", "learningRate": 0.1, "batchSize": 64 }""");

        Assert.Equal(["convLayers", "filters", "kernelSize", "denseUnits", "optimizer", "learningRate", "batchSize"], Hyperparameters.KeysToShow([], cnn));
    }

    [Theory]
    [InlineData("[512, 256]", "512-256")]
    [InlineData("[\"relu\", \"tanh\"]", "relu-tanh")]
    [InlineData("0.001", "0.001")]
    [InlineData("true", "true")]
    [InlineData("\"adam\"", "adam")]
    public void Format_JoinsListsWithDashesAndKeepsNumbersAsWritten(string json, string expected)
    {
        Assert.Equal(expected, Hyperparameters.Format(Config(json)));
    }
}
