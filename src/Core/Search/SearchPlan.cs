using GridSearch.Core.Vocabulary;

namespace GridSearch.Core.Search;

/// <summary>A validated search definition and the trials its grid expands to, in order.
/// <paramref name="Axes"/> are the axes it varies, in grid order.</summary>
public sealed record SearchPlan(string Name, Dataset Dataset, ModelFamily Model, long Seed, string DefinitionJson, IReadOnlyList<string> Axes, IReadOnlyList<PlannedTrial> Trials)
{
    /// <summary>Whether trials whose config already has a reusable result take it instead of training
    /// (the definition's <c>reuse</c>, true unless it says false).</summary>
    public bool Reuse { get; init; } = true;
}
