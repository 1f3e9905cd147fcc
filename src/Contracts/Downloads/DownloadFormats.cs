namespace GridSearch.Contracts.Downloads;

/// <summary>
/// The formats of the API's two downloads, written once: the API serves them (and answers without a
/// <c>format</c> with the <see cref="Default"/>, the first), the CLI's <c>--format</c> offers the same and
/// defaults alike, and decides from <see cref="DownloadFormat.Binary"/> whether standard output may take it.
/// </summary>
public sealed class DownloadFormats
{
    private DownloadFormats(params DownloadFormat[] all) => All = all;

    public static DownloadFormat Csv { get; } = new("csv", "text/csv", Binary: false, "csv", "a header, then one row per trial");

    public static DownloadFormat Json { get; } = new("json", "application/json", Binary: false, "json", "an array of objects with the same columns");

    public static DownloadFormat Onnx { get; } = new(
        "onnx", "application/octet-stream", Binary: true, "onnx", "the network, opset 13: input 'image' [N,1,28,28] in [0,1], output 'probabilities' [N,10]");

    public static DownloadFormat ModelConfig { get; } = new("config", "application/json", Binary: false, "json", "JSON: the config, metrics, layers and tensors to rebuild it");

    /// <summary>GET /api/searches/{id}/export.</summary>
    public static DownloadFormats Export { get; } = new(Csv, Json);

    /// <summary>GET /api/trials/{id}/model.</summary>
    public static DownloadFormats Model { get; } = new(Onnx, ModelConfig);

    public IReadOnlyList<DownloadFormat> All { get; }

    /// <summary>What the endpoint serves when no format is named.</summary>
    public DownloadFormat Default => All[0];

    public IReadOnlyList<string> Names => [.. All.Select(f => f.Name)];

    /// <summary>"csv or json".</summary>
    public string Choices => All.Count == 1 ? All[0].Name : $"{string.Join(", ", Names.Take(All.Count - 1))} or {All[^1].Name}";

    /// <summary>The format of that name; null for a name the endpoint does not serve.</summary>
    public DownloadFormat? Find(string? name) => All.FirstOrDefault(f => f.Name == name);
}
