using GridSearch.Api.Hosting;
using GridSearch.Core.Leaderboard;
using GridSearch.Core.Search;
using Microsoft.AspNetCore.Http.HttpResults;
using GridSearch.Core.Vocabulary;

namespace GridSearch.Api.Leaderboard;

public static class LeaderboardApi
{
    public static void MapLeaderboardApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/leaderboard").WithTags("Leaderboard")
            .MapGet("/", GetLeaderboard)
            .WithSummary("The best succeeded trials across searches, optionally of one dataset.");
    }

    public static async Task<Results<Ok<List<LeaderboardEntryResponse>>, ValidationProblem>> GetLeaderboard(
        string? dataset, int? top, string? metric, LeaderboardQuery leaderboard, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var count = Paging.ReadTop(top, errors);
        if (!LeaderboardMetrics.TryParse(metric, out var by))
        {
            errors.Add("metric", "must be one of testAccuracy, testLoss, valAccuracy, valLoss.");
        }

        if (dataset is not null && !EnumNames.TryParse<Dataset>(dataset, out _))
        {
            errors.Add("dataset", $"must be one of {string.Join(", ", EnumNames.Choices<Dataset>())}.");
        }

        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var entries = await leaderboard.AcrossSearchesAsync(dataset, count, by, cancellationToken);
        return TypedResults.Ok(entries.Select(LeaderboardEntryResponse.From).ToList());
    }
}
