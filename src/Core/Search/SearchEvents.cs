using GridSearch.Core.Persistence;
using GridSearch.Core.Trials;
using GridSearch.Domain.Trials;

namespace GridSearch.Core.Search;

/// <summary>Reads for following a search as it runs (the dashboard's event stream polls these):
/// every trial's progress, then only the changed trials and their epochs in full.</summary>
public sealed class SearchEvents(GridSearchDbContext db)
{
    public async Task<IReadOnlyList<TrialProgress>> TrialProgressAsync(long searchId, CancellationToken cancellationToken) =>
        await db.Trials.AsNoTracking()
            .Where(t => t.SearchId == searchId)
            .Select(t => new TrialProgress(t.Id, t.Status, t.Attempts, t.Worker, t.StartedAt, t.FinishedAt, t.TestAccuracy, t.Error))
            .ToListAsync(cancellationToken);

    /// <returns>The trials in their search's order.</returns>
    public async Task<IReadOnlyList<Trial>> TrialsAsync(IReadOnlyCollection<long> trialIds, CancellationToken cancellationToken) =>
        await db.Trials.AsNoTracking()
            .Where(t => trialIds.Contains(t.Id))
            .OrderBy(t => t.Ordinal)
            .ToListAsync(cancellationToken);

    /// <returns>The trials' epochs, by trial then number.</returns>
    public async Task<IReadOnlyList<Epoch>> EpochsAsync(IReadOnlyCollection<long> trialIds, CancellationToken cancellationToken) =>
        await db.Epochs.AsNoTracking()
            .Where(e => trialIds.Contains(e.TrialId))
            .OrderBy(e => e.TrialId).ThenBy(e => e.Number)
            .ToListAsync(cancellationToken);
}
