namespace GridSearch.Core.Queue;

/// <summary>One combination of a search's grid, ready to be put on the queue.</summary>
/// <param name="ConfigJson">The resolved <see cref="Trials.TrialConfig"/> as JSON.</param>
/// <param name="ConfigHash">Unique per search: the database refuses a combination twice.</param>
/// <param name="GridPointJson">The values of the axes the search varies, as the user wrote them.</param>
/// <param name="Repeat">Which repeat of its configuration it is (0-based).</param>
/// <param name="FoldOf">For a fold of a cross-validation, the trial whose config it evaluates.</param>
public sealed record TrialToEnqueue(int Ordinal, string ConfigJson, string ConfigHash, string GridPointJson, long? FoldOf = null, int Repeat = 0)
{
    /// <summary>The strategy that chose it (<see cref="Domain.Trials.ChosenBy"/>); null for a trial whose
    /// configuration TPE suggests when it is claimed (<see cref="Unsuggested"/>).</summary>
    public string? ChosenBy { get; init; } = Domain.Trials.ChosenBy.Grid;

    /// <summary>A TPE search's trial without a configuration yet: config <c>{}</c>, a config hash of its own (the
    /// search's unique index holds one per trial) and no chosen_by, which is what makes the claim ask for a suggestion.</summary>
    public static TrialToEnqueue Unsuggested(int ordinal) =>
        new(ordinal, "{}", $"unsuggested-{ordinal.ToString(System.Globalization.CultureInfo.InvariantCulture)}", "{}") { ChosenBy = null };
}
