using System.Security.Claims;
using System.Text.Json;
using GridSearch.Api.Access;
using GridSearch.Api.Dashboard;
using GridSearch.Api.Hosting;
using GridSearch.Core.Access;
using GridSearch.Core.CrossValidation;
using GridSearch.Core.Search;
using GridSearch.Domain.CrossValidation;
using GridSearch.Domain.Definition;
using GridSearch.Domain.Vocabulary;

namespace GridSearch.Api.Searches;

/// <summary>k-fold cross-validation of a search's best configurations (<see cref="FoldRules"/>).</summary>
public static class EvaluationsApi
{
    private const string HasErrors = "The evaluation request has errors.";

    public static void MapEvaluationsApi(this IEndpointRouteBuilder app)
    {
        var searches = app.MapGroup("/api/searches").WithTags("Searches");
        searches.MapPost("/{id:long}/evaluate", EvaluateSearch)
            .RequireAccess(AccessOperation.Submit)
            .RequireRateLimiting(RequestRateLimits.Evaluations)
            .Accepts<EvaluateRequest>("application/json")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Cross-validate the search's top configurations: one queued trial per fold of each.");
        searches.MapGet("/{id:long}/evaluations", ListEvaluations)
            .WithSummary("The search's cross-validations: per configuration its folds' accuracies, their mean and standard deviation, and its test accuracy.");
    }

    public static async Task<Results<Accepted<EvaluateResponse>, NotFound, ValidationProblem, ProblemHttpResult>> EvaluateSearch(
        long id, HttpRequest request, ClaimsPrincipal user, EvaluationService service, SearchService searches, AccessGate access, SearchChangeHub changes, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        using var document = await JsonBody.ReadAsync(request, errors, cancellationToken);
        var (top, folds) = document is null ? default : Read(document.RootElement, errors);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: HasErrors);
        }

        if (await searches.OwnerAsync(id, cancellationToken) is not { } owner)
        {
            return TypedResults.NotFound();
        }

        if (!await access.MayChangeSearchAsync(user.Caller(), owner.SubmittedByKeyId, cancellationToken))
        {
            return SearchOwnership.Forbidden("cross-validate this search");
        }

        var outcome = await service.EvaluateAsync(id, top, folds, cancellationToken);
        if (!outcome.Errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(outcome.Errors.ToDictionary(), title: HasErrors);
        }

        if (!outcome.SearchFound)
        {
            return TypedResults.NotFound();
        }

        if (outcome.Conflict is { } why)
        {
            return TypedResults.Problem(title: "This search cannot be evaluated now.", detail: why, statusCode: StatusCodes.Status409Conflict);
        }

        // Its fold trials are the search's: what was read of it is read again, without waiting for the notification.
        changes.Changed(id);
        return TypedResults.Accepted(
            $"/api/searches/{id}/evaluations",
            new EvaluateResponse(id, outcome.Queued, [.. outcome.Evaluations.Select(From)]));
    }

    public static async Task<Results<Ok<List<EvaluationResponse>>, NotFound>> ListEvaluations(
        long id, EvaluationService service, CancellationToken cancellationToken) =>
        await service.ListAsync(id, cancellationToken) is { } evaluations
            ? TypedResults.Ok(evaluations.Select(From).ToList())
            : TypedResults.NotFound();

    public static EvaluationResponse From(FoldEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        return new EvaluationResponse(
            evaluation.SourceTrialId,
            evaluation.Folds,
            evaluation.FoldsDone,
            evaluation.Accuracies,
            evaluation.Mean,
            evaluation.StandardDeviation,
            evaluation.TestAccuracy,
            GridSearch.Domain.Trials.StoredJson.GridPoint(evaluation.GridPointJson),
            [.. evaluation.FoldResults.Select(f => new FoldResponse(f.Fold, f.TrialId, EnumNames.Of(f.Status), f.ValAccuracy))]);
    }

    /// <summary>The body's top and folds (null when left out or null); any other field, or a value that is not a
    /// whole number, is an error naming it.</summary>
    private static (int? Top, int? Folds) Read(JsonElement body, ValidationErrors errors)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors.Add("body", "must be a JSON object such as {\"top\": 3, \"folds\": 5}.");
            return default;
        }

        int? top = null, folds = null;
        foreach (var field in body.EnumerateObject())
        {
            int? value = field.Value.ValueKind == JsonValueKind.Number && field.Value.TryGetInt32(out var number) ? number : null;
            switch (field.Name)
            {
                case "top" or "folds" when field.Value.ValueKind == JsonValueKind.Null:
                    break; // as if left out: the default
                case "top" or "folds" when value is null:
                    errors.Add(field.Name, "must be a whole number.");
                    break;
                case "top":
                    top = value;
                    break;
                case "folds":
                    folds = value;
                    break;
                default:
                    errors.Add(field.Name.Length > 100 ? field.Name[..100] : field.Name, "is not a field of an evaluation: give top and folds.");
                    break;
            }
        }

        return (top, folds);
    }
}
