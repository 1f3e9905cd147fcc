namespace GridSearch.Cli.Rendering;

/// <summary>A configuration's cross-validation as table columns: evaluate and the cvAccuracy leaderboard show it alike.</summary>
internal static class CrossValidation
{
    public static readonly string[] Headers = ["cv acc", "± std", "folds"];

    public static string[] Cells(double? mean, double? standardDeviation, int? foldsDone, int? folds) =>
        [Formats.Metric(mean), Formats.Metric(standardDeviation), $"{Formats.Integer(foldsDone)}/{Formats.Integer(folds)}"];
}
