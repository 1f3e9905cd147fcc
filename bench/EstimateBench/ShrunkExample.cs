using System.Text.Json.Nodes;

namespace GridSearch.EstimateBench;

/// <summary>
/// One of examples/*.json made small enough for the bench: its grid and fixed values as they are, but fewer
/// training images and epochs, early stopping off (an estimate is the planned epochs: early stopping can only
/// shorten a search, and the bench measures the estimate, not that), no limits or pruner, the cache off.
/// </summary>
internal sealed record ShrunkExample(string File, int TrainSize, int Epochs)
{
    public string Name => Path.GetFileNameWithoutExtension(File);

    public string Definition(string examplesDirectory)
    {
        var definition = JsonNode.Parse(System.IO.File.ReadAllText(Path.Combine(examplesDirectory, File)))!.AsObject();
        definition["name"] = $"estimate-bench-{Name}";
        definition["reuse"] = false;
        definition.Remove("limits");
        definition.Remove("pruner");
        var fixedValues = definition["fixed"]?.AsObject() ?? [];
        fixedValues["trainSize"] = TrainSize;
        fixedValues["epochs"] = Epochs;
        fixedValues["patience"] = 0;
        definition["fixed"] = fixedValues.DeepClone();
        return definition.ToJsonString();
    }
}
