using System.Security.Claims;
using System.Text.Json;
using GridSearch.Api.Access;
using GridSearch.Api.Dashboard;
using GridSearch.Api.Hosting;
using GridSearch.Api.OpenApi;
using GridSearch.Api.Snapshots;
using GridSearch.Api.Trials;
using GridSearch.Core.Access;
using GridSearch.Core.Models;
using GridSearch.Core.Search;
using GridSearch.Domain.Definition;
using GridSearch.Domain.Trials;
using GridSearch.Domain.Vocabulary;
using Microsoft.AspNetCore.Mvc;

namespace GridSearch.Api.Searches;

public static class SearchesApi
{
    public static void MapSearchesApi(this IEndpointRouteBuilder app)
    {
        var searches = app.MapGroup("/api/searches").WithTags("Searches");
        searches.MapPost("/", CreateSearch)
            .RequireAccess(AccessOperation.Submit)
            .RequireRateLimiting(RequestRateLimits.Submissions)
            .Accepts<JsonElement>("application/json")
            .WithMetadata(SearchDefinitionBody.Instance)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Submit a grid search; every combination of the grid becomes a queued trial.")
            .WithDescription("201 with the new search. A definition this caller submitted before, in a search not cancelled, "
                + "answers 200 with that search and duplicate: true, and queues nothing; ?new=true makes a new search anyway.");
        searches.MapPost("/plan", PlanSearch)
            .RequireRateLimiting(RequestRateLimits.Plans)
            .Accepts<JsonElement>("application/json")
            .WithMetadata(SearchDefinitionBody.Instance)
            .WithSummary("A dry run: validates a definition as a submission would and says what it would cost; writes nothing.");
        searches.MapGet("/", ListSearches).WithSummary("Searches, newest first.");
        searches.MapGet("/{id:long}", GetSearch).WithName(nameof(GetSearch)).WithMetadata(PolledRead.Instance).WithSummary("A search's status, counts and best trial so far.");
        searches.MapGet("/{id:long}/trials", ListTrials).WithSummary("A search's trials, filtered, sorted and paged.");
        searches.MapPost("/{id:long}/cancel", CancelSearch).RequireAccess(AccessOperation.Cancel).WithSummary("Cancel queued trials now and running ones at their next epoch.");
    }

    // The titles of a submission's (and a dry run's) 400s.
    private const string NotJson = "The search definition is not valid JSON.";
    private const string HasErrors = "The search definition has errors.";

    /// <summary>The header that makes a submission safe to retry (the IETF Idempotency-Key draft).</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static async Task<Results<Created<SearchCreatedResponse>, Ok<SearchCreatedResponse>, ValidationProblem, ProblemHttpResult>> CreateSearch(
        HttpRequest request,
        [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey,
        [FromQuery(Name = "new")] bool? forceNew,
        ClaimsPrincipal user,
        SearchService service,
        SearchChangeHub changes,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var document = await JsonBody.ReadAsync(request, errors, cancellationToken);
        if (document is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: NotJson);
        }

        using (document)
        {
            // Binding reads a present but empty header as no header: it is a bad key, not none.
            var key = idempotencyKey ?? (request.Headers.ContainsKey(IdempotencyKeyHeader) ? "" : null);
            var submission = await service.SubmitAsync(document.RootElement, key, user.Caller().KeyId, forceNew ?? false, cancellationToken);
            if (submission.KeyReusedWithOtherBody)
            {
                return TypedResults.Problem(
                    title: "This Idempotency-Key was used with another request body.",
                    detail: "A retry must send the same definition; a new search needs a new key.",
                    statusCode: StatusCodes.Status422UnprocessableEntity);
            }

            if (!submission.IsValid)
            {
                return TypedResults.ValidationProblem(submission.Errors.ToDictionary(), title: HasErrors);
            }

            var search = submission.Search!;
            // The list, and a status read of this id before it existed, are read again at once.
            changes.Changed(search.Id);
            // A replayed key or a duplicate answers with the earlier search as it stands now, and so does
            // one the result cache answered in part (or whole: then it is completed already).
            var status = (submission.Replayed || submission.Duplicate || submission.Cached > 0) && await service.GetAsync(search.Id, cancellationToken) is { } progress
                ? progress.Status
                : SearchStatus.Queued;
            var answer = new SearchCreatedResponse(search.Id, search.Name, EnumNames.Of(status), search.TrialCount, submission.Cached, search.CreatedAt, submission.Duplicate);
            return submission.Duplicate
                ? TypedResults.Ok(answer)
                : TypedResults.Created($"/api/searches/{search.Id}", answer);
        }
    }

    public static async Task<Results<Ok<SearchPlanResponse>, ValidationProblem>> PlanSearch(
        HttpRequest request, SearchService service, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var document = await JsonBody.ReadAsync(request, errors, cancellationToken);
        if (document is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: NotJson);
        }

        using (document)
        {
            var dryRun = await service.DryRunAsync(document.RootElement, errors, cancellationToken);
            return dryRun is null
                ? TypedResults.ValidationProblem(errors.ToDictionary(), title: HasErrors)
                : TypedResults.Ok(SearchPlanResponses.From(dryRun));
        }
    }

    public static async Task<Results<Ok<PageResponse<SearchResponse>>, ValidationProblem>> ListSearches(
        int? page, int? pageSize, SearchService service, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var (number, size) = Paging.Read(page, pageSize, errors);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var result = await service.ListAsync(number, size, cancellationToken);
        return TypedResults.Ok(new PageResponse<SearchResponse>(result.Items.Select(SearchResponses.From).ToList(), result.Number, result.Size, result.Total));
    }

    /// <summary>Read once per change of the search for every caller (<see cref="SearchSnapshots"/>), however many poll it.</summary>
    public static async Task<Results<Ok<SearchResponse>, NotFound>> GetSearch(long id, SearchSnapshots snapshots, CancellationToken cancellationToken)
    {
        var status = await snapshots.StatusAsync(id, cancellationToken);
        return status is null ? TypedResults.NotFound() : TypedResults.Ok(status.Response);
    }

    public static async Task<Results<Ok<PageResponse<TrialResponse>>, NotFound, ValidationProblem>> ListTrials(
        long id, string? status, string? sort, int? page, int? pageSize, SearchService service, ModelStore models, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        TrialStatus? statusFilter = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (EnumNames.TryParse<TrialStatus>(status, out var parsed))
            {
                statusFilter = parsed;
            }
            else
            {
                errors.Add("status", $"must be one of {string.Join(", ", EnumNames.Choices<TrialStatus>())}.");
            }
        }

        if (!TrialSort.TryParse(sort, out var order))
        {
            errors.Add("sort", $"must be one of {string.Join(", ", TrialSort.Fields)}, with a leading '-' for descending.");
        }

        var (number, size) = Paging.Read(page, pageSize, errors);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var result = await service.TrialsAsync(id, statusFilter, order, number, size, cancellationToken);
        if (result is null)
        {
            return TypedResults.NotFound();
        }

        var kept = await models.KeptAmongAsync([.. result.Items.Select(t => t.Id)], cancellationToken);
        return TypedResults.Ok(new PageResponse<TrialResponse>(
            result.Items.Select(t => TrialResponses.From(t, modelKept: kept.Contains(t.Id))).ToList(), result.Number, result.Size, result.Total));
    }

    public static async Task<Results<Ok<SearchResponse>, NotFound, ProblemHttpResult>> CancelSearch(
        long id, ClaimsPrincipal user, SearchService service, AccessGate access, SearchChangeHub changes, CancellationToken cancellationToken)
    {
        var search = await service.GetAsync(id, cancellationToken);
        if (search is null)
        {
            return TypedResults.NotFound();
        }

        if (!await access.MayChangeSearchAsync(user.Caller(), search.Search.SubmittedByKeyId, cancellationToken))
        {
            return SearchOwnership.Forbidden("cancel this search");
        }

        var progress = await service.CancelAsync(search, cancellationToken);
        changes.Changed(id);
        return progress is null ? TypedResults.NotFound() : TypedResults.Ok(SearchResponses.From(progress));
    }
}
