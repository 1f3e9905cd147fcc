using GridSearch.Domain.Definition;
using GridSearch.Domain.Trials;

namespace GridSearch.Domain.Planning;

/// <summary>The planning of a TPE strategy: its space and its warm-start points (see <see cref="TpePlan"/>).</summary>
public static partial class SearchPlanner
{
    /// <summary>The TPE part of a plan: the definition's points, each inside the space and resolved to a trial (a
    /// point that repeats an earlier one's config is tried once); null with each problem under
    /// <c>strategy.points[i].axis</c>.</summary>
    private static TpePlan? PlanTpe(SuggestionSpace space, SearchStrategy strategy, StartFrom? startFrom, int count, ValidationErrors errors)
    {
        var points = new List<PlannedTrial>();
        for (var i = 0; i < strategy.Points.Count; i++)
        {
            var path = $"strategy.points[{i}]";
            var point = space.ReadPoint(strategy.Points[i], path, errors);
            if (point is null)
            {
                continue;
            }

            if (space.Resolve(point, points.Count) is not { } trial)
            {
                errors.Add(path, "resolves to no valid trial with the fixed values (see the grid's rules across axes).");
            }
            else if (points.All(p => p.ConfigHash != trial.ConfigHash))
            {
                points.Add(trial with { ChosenBy = ChosenBy.Point });
            }
        }

        return errors.IsEmpty ? new TpePlan(count, space, startFrom, points) : null;
    }
}
