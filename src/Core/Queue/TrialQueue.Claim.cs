using GridSearch.Domain.Machines;

namespace GridSearch.Core.Queue;

/// <summary>The claim a worker makes (see the table in TrialQueue.cs): one statement, then, for a TPE trial not
/// suggested yet, its suggestion (<see cref="TrialSuggestions"/>).</summary>
public sealed partial class TrialQueue
{
    /// <summary>Leases the oldest available trial to <paramref name="worker"/>, or returns null when none is
    /// available. Dispose the lease (<c>await using</c>): unless an outcome was recorded it hands the trial back.
    /// A TPE trial not suggested yet gets its configuration right after the claim (<see cref="TrialSuggestions"/>);
    /// when its search's space is exhausted it ends cancelled instead, and the next trial is claimed.</summary>
    public Task<TrialLease?> ClaimAsync(string worker, CancellationToken ct) => ClaimAsync(worker, machine: null, ct);

    /// <summary>As <see cref="ClaimAsync(string, CancellationToken)"/>, recording on the trial the
    /// <paramref name="machine"/> it is trained on (null: not known), as the claim records the worker.</summary>
    public async Task<TrialLease?> ClaimAsync(string worker, TrialMachine? machine, CancellationToken ct)
    {
        while (true)
        {
            var lease = await ClaimOneAsync(worker, machine, ct);
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
