using GridSearch.Core.Persistence;
using GridSearch.Core.Queue;
using Npgsql;

namespace GridSearch.Core.Models;

/// <summary>Reads kept models and pins or unpins them. The queue writes them (with the completion) and
/// <see cref="ModelRetention"/> drops them.</summary>
public sealed class ModelStore(GridSearchDbContext db, NpgsqlDataSource dataSource, QueueOptions options)
{
    private const string PinSql = "UPDATE trial_models SET pinned = @pinned WHERE trial_id = @id RETURNING (SELECT search_id FROM trials WHERE id = @id)";

    /// <summary>The trial's model, or null when the trial has none kept (or does not exist).</summary>
    public async Task<KeptModel?> FindAsync(long trialId, CancellationToken ct)
    {
        var found = await (
            from model in db.TrialModels.AsNoTracking()
            join trial in db.Trials.AsNoTracking() on model.TrialId equals trial.Id
            where model.TrialId == trialId
            select new { trial, model.Format, model.Data, model.Pinned }).FirstOrDefaultAsync(ct);
        return found is null ? null : new KeptModel(found.trial, new StoredModel(found.Format, found.Data), found.Pinned);
    }

    public Task<bool> IsKeptAsync(long trialId, CancellationToken ct) =>
        db.TrialModels.AnyAsync(m => m.TrialId == trialId, ct);

    /// <summary>Of these trials, the ones whose model is kept.</summary>
    public async Task<HashSet<long>> KeptAmongAsync(IReadOnlyCollection<long> trialIds, CancellationToken ct) =>
        [.. await db.TrialModels.Where(m => trialIds.Contains(m.TrialId)).Select(m => m.TrialId).ToListAsync(ct)];

    /// <summary>Pins or unpins the trial's model; false when it has none kept. An unpinned model of an ended
    /// search that is not among its best is dropped at once.</summary>
    public async Task<bool> PinAsync(long trialId, bool pinned, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var command = new NpgsqlCommand(PinSql, connection, transaction);
        command.Parameters.AddWithValue("id", trialId);
        command.Parameters.AddWithValue("pinned", pinned);
        if (await command.ExecuteScalarAsync(ct) is not long searchId)
        {
            return false;
        }

        if (!pinned)
        {
            await using var prune = new NpgsqlBatch(connection, transaction) { BatchCommands = { ModelRetention.Prune(searchId, options.KeepModelsPerSearch) } };
            await prune.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
        return true;
    }
}
