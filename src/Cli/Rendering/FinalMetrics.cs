namespace GridSearch.Cli.Rendering;

/// <summary>A trial's final metrics as table columns: the leaderboard and a search's trials show them alike.</summary>
internal static class FinalMetrics
{
    public static readonly string[] Headers = ["test acc", "test loss", "val acc", "val loss"];

    public static string[] Cells(double? testAccuracy, double? testLoss, double? valAccuracy, double? valLoss) =>
        [Formats.Metric(testAccuracy), Formats.Metric(testLoss), Formats.Metric(valAccuracy), Formats.Metric(valLoss)];
}
