using System.Text.Json;
using GridSearch.Api.Hosting;
using GridSearch.Api.Trials;
using GridSearch.Core.Search;
using GridSearch.Core.Trials;
using Microsoft.AspNetCore.Mvc;

namespace GridSearch.Api.Searches;

public static class SearchesApi
{
    public static void MapSearchesApi(this IEndpointRouteBuilder app)
    {
        var searches = app.MapGroup("/api/searches").WithTags("Searches");
        searches.MapPost("/", CreateSearch)
            .Accepts<JsonElement>("application/json")
            .WithSummary("Submit a grid search; every combination of the grid becomes a queued trial.");
        searches.MapGet("/", ListSearches).WithSummary("Searches, newest first.");
        searches.MapGet("/{id:long}", GetSearch).WithName(nameof(GetSearch)).WithSummary("A search's status, counts and best trial so far.");
        searches.MapGet("/{id:long}/trials", ListTrials).WithSummary("A search's trials, filtered, sorted and paged.");
        searches.MapPost("/{id:long}/cancel", CancelSearch).WithSummary("Cancel queued trials now and running ones at their next epoch.");
    }

    public static async Task<Results<Created<SearchCreatedResponse>, ValidationProblem>> CreateSearch(
        HttpRequest request,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        SearchService service,
        CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException e)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["body"] = [$"is not valid JSON: {e.Message}"] },
                title: "The search definition is not valid JSON.");
        }

        using (document)
        {
            var submission = await service.SubmitAsync(document.RootElement, idempotencyKey, cancellationToken);
            if (!submission.IsValid)
            {
                return TypedResults.ValidationProblem(submission.Errors.ToDictionary(), title: "The search definition has errors.");
            }

            var search = submission.Search!;
            // A replayed key answers with the earlier search as it stands now.
            var status = submission.Replayed && await service.GetAsync(search.Id, cancellationToken) is { } progress
                ? progress.Status.ToString().ToLowerInvariant()
                : "queued";
            return TypedResults.Created(
                $"/api/searches/{search.Id}",
                new SearchCreatedResponse(search.Id, search.Name, status, search.TrialCount, search.CreatedAt));
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
        return TypedResults.Ok(new PageResponse<SearchResponse>(result.Items.Select(SearchResponse.From).ToList(), result.Number, result.Size, result.Total));
    }

    public static async Task<Results<Ok<SearchResponse>, NotFound>> GetSearch(long id, SearchService service, CancellationToken cancellationToken)
    {
        var progress = await service.GetAsync(id, cancellationToken);
        return progress is null ? TypedResults.NotFound() : TypedResults.Ok(SearchResponse.From(progress));
    }

    public static async Task<Results<Ok<PageResponse<TrialResponse>>, NotFound, ValidationProblem>> ListTrials(
        long id, string? status, string? sort, int? page, int? pageSize, SearchService service, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        TrialStatus? statusFilter = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (Enum.TryParse<TrialStatus>(status, ignoreCase: true, out var parsed) && !int.TryParse(status, out _))
            {
                statusFilter = parsed;
            }
            else
            {
                errors.Add("status", "must be one of queued, running, succeeded, failed, cancelled.");
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
        return result is null
            ? TypedResults.NotFound()
            : TypedResults.Ok(new PageResponse<TrialResponse>(result.Items.Select(t => TrialResponse.From(t)).ToList(), result.Number, result.Size, result.Total));
    }

    public static async Task<Results<Ok<SearchResponse>, NotFound>> CancelSearch(long id, SearchService service, CancellationToken cancellationToken)
    {
        var progress = await service.CancelAsync(id, cancellationToken);
        return progress is null ? TypedResults.NotFound() : TypedResults.Ok(SearchResponse.From(progress));
    }
}
