namespace GridSearch.Core.Access;

/// <summary>
/// Whether any key exists, asked on every request, so cached: once true it stays true (keys are never
/// deleted); while false it is asked again after <see cref="RecheckAfter"/>, so a key created through
/// another API instance locks this one within seconds.
/// </summary>
public sealed class ApiKeyPresence(TimeProvider time)
{
    public static readonly TimeSpan RecheckAfter = TimeSpan.FromSeconds(5);

    private volatile bool exists;
    private DateTimeOffset checkedAt = DateTimeOffset.MinValue;

    public async ValueTask<bool> AnyAsync(Func<CancellationToken, Task<bool>> query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (exists || time.GetUtcNow() - checkedAt < RecheckAfter)
        {
            return exists;
        }

        var found = await query(cancellationToken);
        checkedAt = time.GetUtcNow();
        exists |= found;
        return exists;
    }

    public void MarkExists() => exists = true;
}
