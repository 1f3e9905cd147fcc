using System.Text.Json;
using GridSearch.Testing;
using GridSearch.Testing.Api;

namespace GridSearch.Api.Tests.OpenApi;

/// <summary>The served document's schema of a search definition: what a generated client types the body of a
/// submission and of a dry run as.</summary>
public sealed class SearchDefinitionSchemaTests
{
    [Fact]
    public async Task EveryExampleDefinition_AgainstTheSubmissionsRequestSchema_ConformsAndTheDryRunSharesTheSchema()
    {
        await using var api = await ApiHost.StartAsync();
        var contract = await ApiContract.FetchAsync(api.Client);
        var submission = contract["CreateSearch"].RequestSchema!;

        var examples = Directory.GetFiles(RepositoryRoot.File("examples"), "*.json");
        var problems = examples.SelectMany(file => contract.Problems(submission, Read(file)).Select(p => $"{Path.GetFileName(file)}: {p}")).ToList();

        Assert.NotEmpty(examples);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.Equal("#/components/schemas/SearchDefinition", submission["$ref"]?.GetValue<string>());
        Assert.Equal(submission.ToJsonString(), contract["PlanSearch"].RequestSchema!.ToJsonString());
    }

    [Theory]
    [InlineData("""{"dataset": "mnist", "model": "mlp", "grid": {"colour": [1, 2]}}""", "/grid")]
    [InlineData("""{"dataset": "mnist", "model": "mlp", "fixed": {"colour": 1}}""", "/fixed")]
    [InlineData("""{"dataset": "mnist", "model": "mlp", "budget": 3}""", "/budget")]
    [InlineData("""{"dataset": "cifar", "model": "mlp"}""", "/dataset")]
    [InlineData("""{"model": "mlp"}""", "")]
    [InlineData("""{"dataset": "mnist", "model": "mlp", "fixed": {"dropout": 1}}""", "/fixed/dropout")]
    [InlineData("""{"dataset": "mnist", "model": "cnn", "grid": {"kernelSize": [3, 4]}}""", "/grid/kernelSize")]
    [InlineData("""{"dataset": "mnist", "model": "mlp", "grid": {"optimizer": ["adam", "adamax"]}}""", "/grid/optimizer")]
    [InlineData("""{"dataset": "mnist", "model": "mlp", "grid": {"activation": {"min": 1, "max": 2, "count": 2}}}""", "/grid/activation")]
    [InlineData("""{"dataset": "mnist", "model": "mlp", "grid": {"width": {"min": 16, "max": 64, "stride": 16}}}""", "/grid/width")]
    [InlineData("""{"dataset": "mnist", "model": "mlp", "strategy": {"kind": "bayes"}}""", "/strategy/kind")]
    [InlineData("""{"dataset": "mnist", "model": "mlp", "pruner": {"kind": "asha", "reductionFactor": 1}}""", "/pruner/reductionFactor")]
    [InlineData("""{"dataset": "mnist", "model": "mlp", "limits": {"target": {"metric": "testAccuracy", "value": 0.9}}}""", "/limits/target/metric")]
    public async Task Schema_OfADefinitionThePlannerRefusesForItsShape_RefusesItAtTheSamePlace(string definition, string at)
    {
        await using var api = await ApiHost.StartAsync();
        var contract = await ApiContract.FetchAsync(api.Client);
        var body = JsonSerializer.Deserialize<JsonElement>(definition);

        var problems = contract.Problems(contract["CreateSearch"].RequestSchema!, body);
        using var planned = await api.Client.PostAsync("/api/searches/plan", new StringContent(definition, System.Text.Encoding.UTF8, "application/json"));

        Assert.True(problems.Any(p => p.StartsWith(at + " ", StringComparison.Ordinal) || (at.Length > 0 && p.StartsWith(at + "/", StringComparison.Ordinal))), $"No problem at '{at}' among: {string.Join(Environment.NewLine, problems)}");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, planned.StatusCode);
    }

    [Fact]
    public async Task Document_OfEveryOperation_HasAUniqueOperationId_AndNamesItsServer()
    {
        await using var api = await ApiHost.StartAsync();
        var contract = await ApiContract.FetchAsync(api.Client);

        var ids = contract.Operations.Select(o => o.Id).ToList();

        Assert.DoesNotContain("", ids);
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal("/", contract.Document["servers"]![0]!["url"]!.GetValue<string>());
    }

    private static JsonElement Read(string file) => JsonSerializer.Deserialize<JsonElement>(File.ReadAllText(file));
}
