using System.Text.Json;
using GridSearch.Domain.Definition;

namespace GridSearch.Domain.Tests.Definition;

public sealed class DefinitionHashTests
{
    private const string Definition = """
        { "name": "dw", "dataset": "mnist", "model": "mlp", "seed": 42,
          "grid": { "depth": [1, 2], "width": [64, 128] }, "fixed": { "epochs": 2, "learningRate": 0.001 } }
        """;

    private static string Hash(string json)
    {
        using var document = JsonDocument.Parse(json);
        return DefinitionHash.Compute(document.RootElement);
    }

    [Fact]
    public void Compute_WhitespaceMemberOrderAndHowANumberIsWritten_DoNotChangeIt()
    {
        var reordered = """
            {"fixed":{"learningRate":1e-3,"epochs":2.0},"grid":{"width":[64,128],"depth":[1,2]},
             "seed":42,"model":"mlp","dataset":"mnist","name":"dw"}
            """;

        Assert.Equal(Hash(Definition), Hash(reordered));
        Assert.Matches("^[0-9a-f]{64}$", Hash(Definition));
    }

    [Theory]
    [InlineData("\"name\": \"dw\"", "\"name\": \"dw2\"")]
    [InlineData("\"seed\": 42", "\"seed\": 43")]
    [InlineData("[64, 128]", "[128, 64]")]
    [InlineData("\"epochs\": 2,", "\"epochs\": 2, \"batchSize\": 64,")]
    public void Compute_AnyOtherChange_ChangesIt(string from, string to) =>
        Assert.NotEqual(Hash(Definition), Hash(Definition.Replace(from, to, StringComparison.Ordinal)));

    [Fact]
    public void Compute_SeedsBeyondADoublesPrecision_StayApart() =>
        Assert.NotEqual(
            Hash(Definition.Replace("\"seed\": 42", "\"seed\": 9007199254740993", StringComparison.Ordinal)),
            Hash(Definition.Replace("\"seed\": 42", "\"seed\": 9007199254740992", StringComparison.Ordinal)));
}
