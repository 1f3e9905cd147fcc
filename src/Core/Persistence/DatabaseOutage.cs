using Npgsql;

namespace GridSearch.Core.Persistence;

/// <summary>
/// What an unreachable PostgreSQL looks like (stopped, restarting, a network cut, a pool left with dead
/// connections) and how long to ride it out. The API answers such a failure 503 with Retry-After rather
/// than 500, and EF Core retries it a few times first; the workers retry their fenced writes through it.
/// </summary>
public static class DatabaseOutage
{
    /// <summary>Retries of one EF Core operation before the failure reaches the caller: enough to pass
    /// over the dead pooled connections a restart leaves, short enough that a request during an outage
    /// gets its 503 within seconds.</summary>
    public const int MaxRetryCount = 3;

    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>What the API's 503 tells a client to wait before trying again.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    /// <summary>The longest a worker waits between two tries to reach PostgreSQL: once it answers again
    /// (a restart, a crowd of connections gone), workers are back within this.</summary>
    public static readonly TimeSpan MaxReconnectDelay = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan FirstReconnectDelay = TimeSpan.FromMilliseconds(500);

    /// <summary>How long to wait before try number <paramref name="failures"/> + 1 after that many failed in a
    /// row: 0.5 s, doubling, at most <see cref="MaxReconnectDelay"/>, each ±20% at random so that workers
    /// refused together do not all come back in the same instant.</summary>
    public static TimeSpan ReconnectDelay(int failures)
    {
        var exponent = Math.Clamp(failures - 1, 0, 16);
        var delay = Math.Min(FirstReconnectDelay.TotalMilliseconds * Math.Pow(2, exponent), MaxReconnectDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(delay * (0.8 + (0.4 * Random.Shared.NextDouble())));
    }

    /// <summary>True when the exception, or one it wraps (EF Core's RetryLimitExceededException and
    /// DbUpdateException wrap Npgsql's), is Npgsql's transient kind: the connection could not be opened or
    /// broke, or the server is shutting down or starting up. A bad query or a constraint is not.</summary>
    public static bool Caused(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is NpgsqlException { IsTransient: true })
            {
                return true;
            }
        }

        return false;
    }
}
