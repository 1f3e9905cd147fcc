using GridSearch.Core.Trials;

namespace GridSearch.Core.Search;

/// <summary>How a search's trial list is ordered: a field, ascending, or descending with a leading '-'.</summary>
public sealed record TrialSort(string Field, bool Descending)
{
    public static readonly TrialSort Default = new("ordinal", false);

    public static readonly IReadOnlyList<string> Fields = ["ordinal", "testAccuracy", "testLoss", "valAccuracy", "valLoss", "startedAt", "finishedAt"];

    public static bool TryParse(string? text, out TrialSort sort)
    {
        sort = Default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var descending = text.StartsWith('-');
        var field = descending ? text[1..] : text;
        var match = Fields.FirstOrDefault(f => string.Equals(f, field, StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            return false;
        }

        sort = new TrialSort(match, descending);
        return true;
    }

    public IQueryable<Trial> Apply(IQueryable<Trial> trials)
    {
        IOrderedQueryable<Trial> ordered = (Field, Descending) switch
        {
            ("testAccuracy", false) => trials.OrderBy(t => t.TestAccuracy == null).ThenBy(t => t.TestAccuracy),
            ("testAccuracy", true) => trials.OrderBy(t => t.TestAccuracy == null).ThenByDescending(t => t.TestAccuracy),
            ("testLoss", false) => trials.OrderBy(t => t.TestLoss == null).ThenBy(t => t.TestLoss),
            ("testLoss", true) => trials.OrderBy(t => t.TestLoss == null).ThenByDescending(t => t.TestLoss),
            ("valAccuracy", false) => trials.OrderBy(t => t.ValAccuracy == null).ThenBy(t => t.ValAccuracy),
            ("valAccuracy", true) => trials.OrderBy(t => t.ValAccuracy == null).ThenByDescending(t => t.ValAccuracy),
            ("valLoss", false) => trials.OrderBy(t => t.ValLoss == null).ThenBy(t => t.ValLoss),
            ("valLoss", true) => trials.OrderBy(t => t.ValLoss == null).ThenByDescending(t => t.ValLoss),
            ("startedAt", false) => trials.OrderBy(t => t.StartedAt == null).ThenBy(t => t.StartedAt),
            ("startedAt", true) => trials.OrderBy(t => t.StartedAt == null).ThenByDescending(t => t.StartedAt),
            ("finishedAt", false) => trials.OrderBy(t => t.FinishedAt == null).ThenBy(t => t.FinishedAt),
            ("finishedAt", true) => trials.OrderBy(t => t.FinishedAt == null).ThenByDescending(t => t.FinishedAt),
            (_, true) => trials.OrderByDescending(t => t.Ordinal),
            _ => trials.OrderBy(t => t.Ordinal),
        };

        // Ties in the chosen field keep the grid's order, so pages never overlap.
        return ordered.ThenBy(t => t.Ordinal);
    }
}
