namespace GridSearch.Contracts.Downloads;

/// <summary>What one row of a search's export is (?by, the CLI's --by): a trial, or a configuration (a grid
/// point, its repeats summarized).</summary>
public static class ExportRows
{
    public const string Trial = "trial";
    public const string Configuration = "configuration";

    /// <summary>Every choice, the default first.</summary>
    public static IReadOnlyList<string> All { get; } = [Trial, Configuration];

    /// <summary>The choice <paramref name="text"/> names, ignoring case (the default when none); null for an unknown one.</summary>
    public static string? Find(string? text) =>
        text is null ? Trial : All.FirstOrDefault(choice => string.Equals(choice, text, StringComparison.OrdinalIgnoreCase));
}
