namespace GridSearch.Core.Queue;

/// <summary>The claim a worker makes (see the table in TrialQueue.cs): one statement, then, for a TPE trial not
/// suggested yet, its suggestion (<see cref="TrialSuggestions"/>).</summary>
public sealed partial class TrialQueue
{
    /// <summary>Leases the oldest available trial to <paramref name="worker"/>, or returns null when none is
    /// available. Dispose the lease (<c>await using</c>): unless an outcome was recorded it hands the trial back.
    /// A TPE trial not suggested yet gets its configuration right after the claim (<see cref="TrialSuggestions"/>);
    /// when its search's space is exhausted it ends cancelled instead, and the next trial is claimed.</summary>
    public async Task<TrialLease?> ClaimAsync(string worker, CancellationToken ct)
    {
        while (true)
        {
            var lease = await ClaimOneAsync(worker, ct);
            if (lease?.ChosenBy is not null)
            {
                return lease;
            }

            if (lease is null)
            {
                return null;
            }

            try
            {
                if (await suggestions.SuggestAsync(lease, ct))
                {
                    return lease;
                }
            }
            catch
            {
                await lease.HandBackAsync();
                throw;
            }
        }
    }
}
