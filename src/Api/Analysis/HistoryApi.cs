using GridSearch.Core.Analysis;
using GridSearch.Domain.Definition;
using GridSearch.Domain.Leaderboard;

namespace GridSearch.Api.Analysis;

/// <summary>A search's optimization history: how the best result grew as trials finished.</summary>
public static class HistoryApi
{
    public static void MapHistoryApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/searches/{id:long}/history", GetHistory).WithTags("Searches")
            .WithSummary("The succeeded trials in the order they finished, each with what chose it, its metric (testAccuracy unless ?metric= names another of a trial's) and the best so far; pruned trials are shown but not counted toward the best.");

    public static async Task<Results<Ok<HistoryResponse>, NotFound, ValidationProblem>> GetHistory(
        long id, string? metric, OptimizationHistoryQuery history, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var by = LeaderboardMetrics.ReadOfOneTrial(metric, errors);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var steps = await history.ReadAsync(id, by, cancellationToken);
        return steps is null
            ? TypedResults.NotFound()
            : TypedResults.Ok(new HistoryResponse(
                id,
                LeaderboardMetrics.Name(by),
                LeaderboardMetrics.HigherIsBetter(by),
                [.. steps.Select(s => new HistoryPointResponse(s.Number, s.TrialId, s.ChosenBy, s.Value, s.Best, s.Pruned))]));
    }
}
