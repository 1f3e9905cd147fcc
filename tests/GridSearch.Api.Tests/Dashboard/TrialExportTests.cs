using System.Text.Json.Nodes;
using GridSearch.Api.Dashboard;

namespace GridSearch.Api.Tests.Dashboard;

public sealed class TrialExportTests
{
    [Fact]
    public void ToCsv_QuotesFieldsWithCommasQuotesAndLineBreaks_AndWritesListsAsJson()
    {
        var rows = new List<JsonObject>
        {
            new() { ["trialId"] = 1, ["error"] = "out of memory, \"CUDA\"\nretrying", ["hiddenLayers"] = new JsonArray(64, 32), ["testAccuracy"] = 0.9712 },
            new() { ["trialId"] = 2, ["error"] = null, ["hiddenLayers"] = new JsonArray(16), ["testAccuracy"] = null },
        };

        var csv = TrialExport.ToCsv(rows);

        Assert.Equal(
            "trialId,error,hiddenLayers,testAccuracy\r\n"
            + "1,\"out of memory, \"\"CUDA\"\"\nretrying\",\"[64,32]\",0.9712\r\n"
            + "2,,[16],\r\n",
            csv);
    }

    [Fact]
    public void ToCsv_TakesColumnsFromEveryRow_InFirstSeenOrder()
    {
        var rows = new List<JsonObject> { new() { ["a"] = 1 }, new() { ["a"] = 2, ["b"] = "x" } };

        Assert.Equal("a,b\r\n1,\r\n2,x\r\n", TrialExport.ToCsv(rows));
    }
}
