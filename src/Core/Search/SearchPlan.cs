namespace GridSearch.Core.Search;

/// <summary>A validated search definition and the trials its grid expands to, in order.</summary>
public sealed record SearchPlan(string Name, string Dataset, string Model, long Seed, string DefinitionJson, IReadOnlyList<PlannedTrial> Trials);
