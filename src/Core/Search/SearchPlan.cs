using GridSearch.Core.Vocabulary;

namespace GridSearch.Core.Search;

/// <summary>A validated search definition and the trials its grid expands to, in order.
/// <paramref name="Axes"/> are the axes it varies, in grid order.</summary>
public sealed record SearchPlan(string Name, Dataset Dataset, ModelFamily Model, long Seed, string DefinitionJson, IReadOnlyList<string> Axes, IReadOnlyList<PlannedTrial> Trials)
{
    /// <summary>Whether trials whose config already has a reusable result take it instead of training
    /// (the definition's <c>reuse</c>, true unless it says false).</summary>
    public bool Reuse { get; init; } = true;

    /// <summary>Whether the order trials start in changes what the search finds: with limits (which trials
    /// run at all) or a pruner (what the others have reached when a trial is judged).</summary>
    public bool OrderMatters { get; init; }

    /// <summary>
    /// The order the trials are queued in, which is the order workers claim them: with
    /// <paramref name="longestFirst"/> and when the order changes nothing but the wall time, the most work
    /// first (longest-processing-time first), so the last trials to start are short ones and no slot idles
    /// long at the end while another finishes a big one; else grid order.
    /// </summary>
    public IEnumerable<PlannedTrial> QueueOrder(bool longestFirst = true) =>
        OrderMatters || !longestFirst ? Trials : Trials.OrderByDescending(t => t.Work).ThenBy(t => t.Ordinal);
}
