namespace GridSearch.Domain.Definition;

/// <summary>What a submission may ask for; bound from the GridSearch section. A trial's attempts and the
/// models kept per search are the queue's (<see cref="Queue.QueueOptions"/>, section Queue).</summary>
public sealed class SearchLimits
{
    public const string Section = "GridSearch";

    /// <summary>The most trials one search may expand to.</summary>
    public int MaxTrialsPerSearch { get; set; } = 10_000;

    /// <summary>Whether a search whose trial order changes nothing but its wall time is queued with the most
    /// work first (<see cref="SearchPlan.QueueOrder"/>); false keeps grid order, so the quick trials report first.</summary>
    public bool LongestFirst { get; set; } = true;
}
