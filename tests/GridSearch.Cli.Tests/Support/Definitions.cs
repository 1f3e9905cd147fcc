namespace GridSearch.Cli.Tests.Support;

/// <summary>Search definitions the tests submit, as files (submit reads a file) or objects (ApiHost).</summary>
internal static class Definitions
{
    /// <summary>2 depths × 2 widths = 4 trials.</summary>
    public const string DepthWidth = """
        { "name": "depth-width", "dataset": "mnist", "model": "mlp", "seed": 7,
          "grid":  { "depth": [1, 2], "width": [64, 128] },
          "fixed": { "optimizer": "adam", "learningRate": 0.001, "batchSize": 128, "epochs": 3 } }
        """;

    public static object Widths(int trials, string dataset = "mnist") => new
    {
        name = $"{dataset}-widths",
        dataset,
        model = "mlp",
        grid = new { width = Enumerable.Range(1, trials).Select(i => i * 10).ToArray() },
    };

    public static TempFile File(string json) => new(json);
}
