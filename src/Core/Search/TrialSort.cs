using System.Linq.Expressions;
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
        var ordered = Field switch
        {
            "testAccuracy" => ByThenNulls(trials, t => t.TestAccuracy),
            "testLoss" => ByThenNulls(trials, t => t.TestLoss),
            "valAccuracy" => ByThenNulls(trials, t => t.ValAccuracy),
            "valLoss" => ByThenNulls(trials, t => t.ValLoss),
            "startedAt" => ByThenNulls(trials, t => t.StartedAt),
            "finishedAt" => ByThenNulls(trials, t => t.FinishedAt),
            _ => Descending ? trials.OrderByDescending(t => t.Ordinal) : trials.OrderBy(t => t.Ordinal),
        };

        // Ties in the chosen field keep the grid's order, so pages never overlap.
        return ordered.ThenBy(t => t.Ordinal);
    }

    /// <summary>By the field in this sort's direction, trials without a value last either way.</summary>
    private IOrderedQueryable<Trial> ByThenNulls<T>(IQueryable<Trial> trials, Expression<Func<Trial, T?>> field)
        where T : struct
    {
        var missing = Expression.Lambda<Func<Trial, bool>>(
            Expression.Equal(field.Body, Expression.Constant(null, typeof(T?))), field.Parameters);
        var nullsLast = trials.OrderBy(missing);
        return Descending ? nullsLast.ThenByDescending(field) : nullsLast.ThenBy(field);
    }
}
