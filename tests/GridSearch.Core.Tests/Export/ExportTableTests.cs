using System.Text.Json;
using GridSearch.Core.Export;

namespace GridSearch.Core.Tests.Export;

public sealed class ExportTableTests
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Fact]
    public void ToCsv_QuotesAnErrorWithCommasQuotesAndLineBreaks_AndJoinsListsWithDashes()
    {
        var table = new ExportTable(["trialId", "error", "hiddenLayers"], [[Json("7"), Json("\"out of memory, \\\"CUDA\\\"\\nretrying\""), Json("[64,32]")]]);

        Assert.Equal("trialId,error,hiddenLayers\r\n7,\"out of memory, \"\"CUDA\"\"\nretrying\",64-32\r\n", table.ToCsv());
    }

    [Fact]
    public void ToCsv_OfNoTrials_IsTheHeaderAlone()
    {
        Assert.Equal("depth,trialId\r\n", new ExportTable(["depth", "trialId"], []).ToCsv());
    }

    [Fact]
    public void ToJson_KeepsQuotesAndAccentsReadable()
    {
        var table = new ExportTable(["error"], [[Json("\"the \\\"größte\\\" batch\"")]]);

        Assert.Contains("\"error\": \"the \\\"größte\\\" batch\"", table.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void ToJson_OfNoTrials_IsAnEmptyArray()
    {
        Assert.Equal("[]\n", new ExportTable(["depth"], []).ToJson());
    }

    [Fact]
    public void New_RefusesARowWithoutOneValuePerColumn()
    {
        Assert.Throws<ArgumentException>(() => new ExportTable(["a", "b"], [[Json("1")]]));
    }
}
