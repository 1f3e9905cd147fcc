namespace GridSearch.Core.Search;

public sealed class SearchLimits
{
    public const string Section = "GridSearch";

    /// <summary>The most trials one search may expand to.</summary>
    public int MaxTrialsPerSearch { get; set; } = 10_000;

    /// <summary>Attempts a trial gets before it is failed for good.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Models kept per ended search besides the pinned (<see cref="Queue.QueueOptions.KeepModelsPerSearch"/>).</summary>
    public int KeepModelsPerSearch { get; set; } = 10;

    /// <summary>Whether a search whose trial order changes nothing but its wall time is queued with the most
    /// work first (<see cref="SearchPlan.QueueOrder"/>); false keeps grid order, so the quick trials report first.</summary>
    public bool LongestFirst { get; set; } = true;
}
