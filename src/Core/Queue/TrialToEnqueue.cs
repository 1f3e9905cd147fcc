namespace GridSearch.Core.Queue;

/// <summary>One combination of a search's grid, ready to be put on the queue.</summary>
/// <param name="ConfigJson">The resolved <see cref="Trials.TrialConfig"/> as JSON.</param>
/// <param name="ConfigHash">Unique per search: the database refuses a combination twice.</param>
/// <param name="GridPointJson">The values of the axes the search varies, as the user wrote them.</param>
/// <param name="Repeat">Which repeat of its configuration it is (0-based).</param>
/// <param name="FoldOf">For a fold of a cross-validation, the trial whose config it evaluates.</param>
public sealed record TrialToEnqueue(int Ordinal, string ConfigJson, string ConfigHash, string GridPointJson, long? FoldOf = null, int Repeat = 0);
