using Npgsql;

namespace GridSearch.Core.Persistence;

/// <summary>
/// What it looks like when every connection of a bounded pool stayed busy for the whole wait
/// (<see cref="DatabasePoolOptions.PoolWaitSeconds"/>): the server is fine, this process is busy. The API
/// answers it 503 with a short Retry-After, and nothing retries it (a retry would only wait in the same queue).
/// </summary>
public static class ConnectionBudget
{
    /// <summary>What the API's 503 tells a client to wait before trying again: the pool turns over in far less.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    // Npgsql says so only in words: its pool throws NpgsqlException("The connection pool has been exhausted, ...",
    // new TimeoutException()); a connect timeout has the same shape with other words.
    private const string Exhausted = "The connection pool has been exhausted";

    /// <summary>True when the exception, or one it wraps, is the pool's wait running out.</summary>
    public static bool Exceeded(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is NpgsqlException { InnerException: TimeoutException } && e.Message.StartsWith(Exhausted, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
