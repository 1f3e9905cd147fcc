using GridSearch.Core.Models;
using GridSearch.Core.Search;

namespace GridSearch.Api.Trials;

public static class TrialsApi
{
    public static void MapTrialsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/trials").WithTags("Trials")
            .MapGet("/{id:long}", GetTrial)
            .WithSummary("A trial's config, status, attempts, final metrics and epoch history.");
    }

    public static async Task<Results<Ok<TrialResponse>, NotFound>> GetTrial(long id, SearchService service, ModelStore models, CancellationToken cancellationToken)
    {
        var found = await service.TrialAsync(id, cancellationToken);
        return found is { } trial
            ? TypedResults.Ok(TrialResponses.From(trial.Trial, trial.Epochs, await models.IsKeptAsync(id, cancellationToken)))
            : TypedResults.NotFound();
    }
}
