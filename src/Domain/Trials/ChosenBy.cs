namespace GridSearch.Domain.Trials;

/// <summary>
/// Which strategy chose a trial's configuration (<c>trials.chosen_by</c>): the grid or a random sample of it
/// (written when the search is queued), a warm-start point (the definition's <c>strategy.points</c>, or the top of
/// an earlier search through <c>startFrom</c>), or TPE at claim: drawn at random while it has too few observations
/// (<see cref="TpeStartup"/>), then suggested from the finished trials (<see cref="Tpe"/>). A trial TPE has not
/// suggested yet has none.
/// </summary>
public static class ChosenBy
{
    public const string Grid = "grid";
    public const string Random = "random";
    public const string Point = "point";
    public const string StartFrom = "start_from";
    public const string TpeStartup = "tpe_startup";
    public const string Tpe = "tpe";

    /// <summary>Every value, in the order a TPE search tries them.</summary>
    public static IReadOnlyList<string> All { get; } = [Grid, Random, Point, StartFrom, TpeStartup, Tpe];
}
