using System.Net.Http.Json;
using System.Text.Json;
using GridSearch.Testing;
using GridSearch.Testing.Api;

namespace GridSearch.Api.Tests.Vocabulary;

public sealed class AxesTests
{
    private const string TableHeader = "| axis | model | applies when | default | allowed | meaning |";

    [Fact]
    public async Task GetAxes_ListsEveryAxisInGridOrderWithDefaultsAndChoices()
    {
        await using var api = await ApiHost.StartAsync();

        var vocabulary = await api.Client.GetFromJsonAsync<JsonElement>("/api/axes");

        var axes = vocabulary.GetProperty("axes").EnumerateArray().ToList();
        Assert.Equal(["mnist", "fashion-mnist"], vocabulary.GetProperty("datasets").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(["mlp", "cnn"], vocabulary.GetProperty("models").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal("-", vocabulary.GetProperty("listSeparator").GetString());
        Assert.Equal(Enumerable.Range(0, axes.Count), axes.Select(a => a.GetProperty("order").GetInt32()));
        Assert.Equal("depth", axes[0].GetProperty("name").GetString());
        var activation = axes.Single(a => a.GetProperty("name").GetString() == "activation");
        Assert.Equal("activation", activation.GetProperty("type").GetString());
        Assert.Equal("relu", activation.GetProperty("default").GetString());
        Assert.Equal(JsonValueKind.Null, activation.GetProperty("model").ValueKind);
        Assert.Contains("leaky_relu", activation.GetProperty("choices").EnumerateArray().Select(c => c.GetString()));
        var width = axes.Single(a => a.GetProperty("name").GetString() == "width");
        Assert.Equal("mlp", width.GetProperty("model").GetString());
        Assert.Equal(128, width.GetProperty("default").GetInt32());
        Assert.Equal(">= 1 and <= 65536", width.GetProperty("bounds").GetString());
        Assert.Equal(JsonValueKind.Null, width.GetProperty("appliesWhen").ValueKind);
        var lrStep = axes.Single(a => a.GetProperty("name").GetString() == "lrStep");
        Assert.Equal("lrSchedule is step or plateau", lrStep.GetProperty("appliesWhen").GetString());
    }

    [Fact]
    public async Task GetAxes_ListsTheConfigKeys_ThoseNoAxisSetsFirst_ThenInAxisOrder()
    {
        await using var api = await ApiHost.StartAsync();

        var vocabulary = await api.Client.GetFromJsonAsync<JsonElement>("/api/axes");

        var keys = vocabulary.GetProperty("configKeys").EnumerateArray().Select(k => k.GetString()!).ToList();
        Assert.Equal(["dataset", "model", "seed", "hiddenLayers", "activations", "shape", "convLayers"], keys[..7]);
        var axes = vocabulary.GetProperty("axes").EnumerateArray().Select(a => a.GetProperty("name").GetString()!).ToList();
        var axisKeys = keys.Where(axes.Contains).ToList();
        Assert.Equal(axisKeys.OrderBy(axes.IndexOf), axisKeys);
    }

    [Fact]
    public async Task SearchDefinitionDocAxisTable_IsTheVocabularyTheApiPublishes()
    {
        await using var api = await ApiHost.StartAsync();
        var vocabulary = await api.Client.GetFromJsonAsync<JsonElement>("/api/axes");
        var expected = vocabulary.GetProperty("axes").EnumerateArray().Select(Row).ToList();

        var doc = File.ReadAllLines(RepositoryRoot.File("docs", "search-definition.md"));
        var header = Array.IndexOf(doc, TableHeader);
        Assert.True(header >= 0, $"docs/search-definition.md has no axis table headed '{TableHeader}'.");
        var table = doc.Skip(header + 2).TakeWhile(line => line.StartsWith('|')).ToList();

        Assert.True(expected.SequenceEqual(table), "docs/search-definition.md's axis table differs from GET /api/axes; it should read:\n" + string.Join('\n', expected));
    }

    /// <summary>One table row: name, model family (or both), what else it needs (or always), default, allowed values, description.</summary>
    private static string Row(JsonElement axis)
    {
        var type = axis.GetProperty("type").GetString();
        var choices = axis.GetProperty("choices").ValueKind == JsonValueKind.Array
            ? string.Join(", ", axis.GetProperty("choices").EnumerateArray().Select(c => c.GetString()))
            : null;
        var bounds = axis.GetProperty("bounds").GetString();
        var allowed = type switch
        {
            "choice" => choices,
            "activation" => choices + " (or a list, one per layer)",
            "boolean" => "true, false",
            "widths" => "a list of widths " + bounds,
            _ => bounds,
        };
        var model = axis.GetProperty("model").ValueKind == JsonValueKind.Null ? "both" : axis.GetProperty("model").GetString();
        var fallback = axis.GetProperty("default");
        var shown = axis.GetProperty("defaultLabel").GetString()
            ?? (fallback.ValueKind switch
            {
                JsonValueKind.Null => "—",
                JsonValueKind.String => fallback.GetString(),
                _ => fallback.GetRawText(),
            });
        var appliesWhen = axis.GetProperty("appliesWhen").GetString() ?? "always";
        return $"| `{axis.GetProperty("name").GetString()}` | {model} | {appliesWhen} | {shown} | {allowed} | {axis.GetProperty("description").GetString()} |";
    }
}
