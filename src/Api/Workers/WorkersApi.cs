using GridSearch.Core.Workers;

namespace GridSearch.Api.Workers;

public static class WorkersApi
{
    public static void MapWorkersApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/workers", ListWorkers).WithTags("Workers").WithSummary(
            "Every registered worker, alive ones first: host, process, slots, device, version, when it started and was last seen, "
            + "what each slot runs, trials done per hour. A worker not seen for two leases is lost.");

    public static async Task<Ok<List<WorkerResponse>>> ListWorkers(WorkerRegistry registry, CancellationToken cancellationToken) =>
        TypedResults.Ok((await registry.ListAsync(cancellationToken)).Select(WorkerResponses.From).ToList());
}
