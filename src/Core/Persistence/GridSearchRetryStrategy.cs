using Microsoft.EntityFrameworkCore.Storage;
using Npgsql.EntityFrameworkCore.PostgreSQL;

namespace GridSearch.Core.Persistence;

/// <summary>
/// EF Core's retries over <see cref="DatabaseOutage"/>'s transient failures, except a full pool
/// (<see cref="ConnectionBudget.Exceeded"/>): retrying that would queue the request in the same pool three
/// more times, turning a 2 s wait into 10 s, while the caller could be told at once to come back.
/// </summary>
public sealed class GridSearchRetryStrategy(ExecutionStrategyDependencies dependencies)
    : NpgsqlRetryingExecutionStrategy(dependencies, DatabaseOutage.MaxRetryCount, DatabaseOutage.MaxRetryDelay, errorCodesToAdd: null)
{
    protected override bool ShouldRetryOn(Exception? exception) =>
        !ConnectionBudget.Exceeded(exception) && base.ShouldRetryOn(exception);
}
