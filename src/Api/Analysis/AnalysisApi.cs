using GridSearch.Core.Analysis;
using GridSearch.Domain.Definition;
using GridSearch.Domain.Leaderboard;

namespace GridSearch.Api.Analysis;

/// <summary>What each hyperparameter did in a search, and which trials are worth their cost.</summary>
public static class AnalysisApi
{
    public static void MapAnalysisApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/searches/{id:long}/analysis", GetAnalysis).WithTags("Searches")
            .WithSummary("Per varying axis: the metric per value, Spearman correlation, importance; and the Pareto front over test accuracy, parameters and training seconds.");

    public static async Task<Results<Ok<AnalysisResponse>, NotFound, ValidationProblem>> GetAnalysis(
        long id, string? metric, SearchAnalyzer analyzer, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var by = LeaderboardMetrics.ReadOfOneTrial(metric, errors);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var analysis = await analyzer.AnalyzeAsync(id, by, cancellationToken);
        return analysis is null ? TypedResults.NotFound() : TypedResults.Ok(AnalysisResponses.From(analysis));
    }
}
