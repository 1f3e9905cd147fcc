using GridSearch.Core.Leaderboard;
using GridSearch.Core.Persistence;
using GridSearch.Core.Queue;
using GridSearch.Domain.CrossValidation;
using GridSearch.Domain.Definition;
using GridSearch.Domain.Leaderboard;
using GridSearch.Domain.Trials;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace GridSearch.Core.CrossValidation;

/// <summary>Cross-validates a search's best configurations (<see cref="FoldRules"/>) and reads the results.</summary>
public sealed class EvaluationService(GridSearchDbContext db, TrialQueue queue, LeaderboardQuery leaderboard, EvaluationQuery evaluations)
{
    private const string UniqueViolation = "23505";

    /// <summary>
    /// Queues, for each of the search's <paramref name="top"/> configurations (its leaderboard by validation
    /// accuracy), one trial per fold of a <paramref name="folds"/>-fold cross-validation, all in one
    /// transaction; folds already queued by an earlier request are not queued again.
    /// </summary>
    public async Task<EvaluationRequestOutcome> EvaluateAsync(long searchId, int? top, int? folds, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var (count, k) = FoldRules.Read(top, folds, errors);
        if (!errors.IsEmpty)
        {
            return EvaluationRequestOutcome.Invalid(errors);
        }

        var search = await db.Searches.AsNoTracking().FirstOrDefaultAsync(s => s.Id == searchId, cancellationToken);
        if (search is null)
        {
            return EvaluationRequestOutcome.NotFound(errors);
        }

        if (Refusal(search) is { } why)
        {
            return EvaluationRequestOutcome.Refused(errors, why);
        }

        var best = await BestConfigurationsAsync(searchId, count, cancellationToken);
        if (best.Count == 0)
        {
            return EvaluationRequestOutcome.Refused(errors, $"Search {searchId} has no succeeded trial to evaluate yet.");
        }

        var known = (await db.Trials.AsNoTracking().Where(t => t.SearchId == searchId && t.FoldOf != null).Select(t => t.ConfigHash).ToListAsync(cancellationToken)).ToHashSet();
        var next = await db.Trials.Where(t => t.SearchId == searchId).MaxAsync(t => (int?)t.Ordinal, cancellationToken) ?? -1;
        // A fold takes its source trial's repeat, and was chosen by what chose its source.
        var sourceIds = best.Select(e => e.TrialId).ToList();
        var sourceTrials = await db.Trials.AsNoTracking().Where(t => sourceIds.Contains(t.Id))
            .ToDictionaryAsync(t => t.Id, t => new { t.Repeat, t.ChosenBy }, cancellationToken);
        var trials = new List<TrialToEnqueue>();
        foreach (var entry in best)
        {
            var source = sourceTrials.GetValueOrDefault(entry.TrialId);
            foreach (var config in FoldRules.FoldsOf(TrialConfigJson.Deserialize(entry.ConfigJson), k))
            {
                var json = TrialConfigJson.Serialize(config);
                var hash = ConfigHash.Compute(json);
                if (known.Add(hash))
                {
                    trials.Add(new TrialToEnqueue(++next, json, hash, entry.GridPointJson, entry.TrialId, source?.Repeat ?? 0) { ChosenBy = source?.ChosenBy ?? ChosenBy.Grid });
                }
            }
        }

        if (trials.Count > 0 && await QueueAsync(searchId, trials, cancellationToken) is { } refused)
        {
            return EvaluationRequestOutcome.Refused(errors, refused);
        }

        var sources = best.Select(e => e.TrialId).ToHashSet();
        var evaluated = (await evaluations.ForSearchAsync(searchId, cancellationToken)).Where(e => e.Folds == k && sources.Contains(e.SourceTrialId)).ToList();
        return new EvaluationRequestOutcome(errors, true, null, trials.Count, evaluated);
    }

    /// <summary>
    /// The search's <paramref name="count"/> best configurations by validation accuracy (so the test images play
    /// no part in which are cross-validated), as its leaderboard ranks them: one entry per configuration, by the
    /// mean of its repeats. Each is evaluated through its repeat 0, whose seed is the search's: every configuration
    /// is cross-validated on the same folds, and no repeat is picked for a lucky seed. A configuration whose repeat
    /// 0 has no result on the board (failed, pruned) is evaluated through its best repeat.
    /// </summary>
    private async Task<IReadOnlyList<LeaderboardEntry>> BestConfigurationsAsync(long searchId, int count, CancellationToken cancellationToken)
    {
        var board = await leaderboard.ForSearchAsync(searchId, count, LeaderboardMetric.ValAccuracy, cancellationToken);
        var onBoard = board.SelectMany(e => e.Repeats?.TrialIds ?? [e.TrialId]).ToList();
        var firstRepeats = await db.Trials.AsNoTracking()
            .Where(t => onBoard.Contains(t.Id) && t.Repeat == 0)
            .ToDictionaryAsync(t => t.GridPoint, t => new { t.Id, t.Config }, StringComparer.Ordinal, cancellationToken);
        return [.. board.Select(e => firstRepeats.TryGetValue(e.GridPointJson, out var first) && first.Id != e.TrialId
            ? e with { TrialId = first.Id, ConfigJson = first.Config }
            : e)];
    }

    /// <summary>Every cross-validation of the search; null when there is no such search.</summary>
    public async Task<IReadOnlyList<FoldEvaluation>?> ListAsync(long searchId, CancellationToken cancellationToken) =>
        await db.Searches.AnyAsync(s => s.Id == searchId, cancellationToken)
            ? await evaluations.ForSearchAsync(searchId, cancellationToken)
            : null;

    /// <summary>Why a search takes no more trials; null when it does.</summary>
    private static string? Refusal(Search.Search search) =>
        search.IsCancelled ? $"Search {search.Id} was cancelled; it takes no more trials."
        : search.StopReason is { } reason ? $"Search {search.Id} was stopped ({reason}); it takes no more trials."
        : null;

    /// <summary>Queues the trials in one transaction; why not, when the search was cancelled or stopped
    /// meanwhile, or another request queued the same folds first.</summary>
    private async Task<string?> QueueAsync(long searchId, IReadOnlyList<TrialToEnqueue> trials, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        try
        {
            return await strategy.ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var added = await queue.AddToSearchAsync(
                    (NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)transaction.GetDbTransaction(), searchId, trials, cancellationToken);
                if (!added)
                {
                    return $"Search {searchId} was cancelled or stopped; it takes no more trials.";
                }

                await transaction.CommitAsync(cancellationToken);
                return null;
            });
        }
        catch (PostgresException e) when (e.SqlState == UniqueViolation)
        {
            return "Another request is queueing the same folds; read GET /api/searches/{id}/evaluations.";
        }
    }
}
