using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GridSearch.Core.Estimates;
using GridSearch.Core.Export;
using GridSearch.Core.Leaderboard;
using GridSearch.Core.Persistence;
using GridSearch.Core.Queue;
using GridSearch.Core.Trials;
using GridSearch.Domain.Definition;
using GridSearch.Domain.Planning;
using GridSearch.Domain.Trials;
using GridSearch.Domain.Vocabulary;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace GridSearch.Core.Search;

/// <summary>Submits, reads and cancels searches. The HTTP layer only binds and maps around this.</summary>
public sealed class SearchService(
    GridSearchDbContext db, TrialQueue queue, ResultCache cache, LeaderboardQuery leaderboard, SearchLimits limits, EpochRateQuery measured, TimeProvider time)
{
    private const string UniqueViolation = "23505";

    public const int MaxIdempotencyKeyLength = 200;

    /// <summary>The longest string a definition may hold anywhere (names are shorter: see the planner).</summary>
    public const int MaxDefinitionStringLength = 1000;

    public Task<SearchSubmission> SubmitAsync(JsonElement definition, string? idempotencyKey, CancellationToken cancellationToken) =>
        SubmitAsync(definition, idempotencyKey, submittedByKeyId: null, forceNew: false, cancellationToken);

    public Task<SearchSubmission> SubmitAsync(JsonElement definition, string? idempotencyKey, long? submittedByKeyId, CancellationToken cancellationToken) =>
        SubmitAsync(definition, idempotencyKey, submittedByKeyId, forceNew: false, cancellationToken);

    /// <summary>
    /// Plans and stores a search with all its trials. A repeated idempotency key with the same definition
    /// answers with the earlier search (Replayed); with another definition, KeyReusedWithOtherBody and nothing
    /// written (the IETF Idempotency-Key draft's 422). Unless <paramref name="forceNew"/>, a definition
    /// submitted before answers with that search (<see cref="DuplicateRule"/>: Duplicate, nothing written).
    /// </summary>
    public async Task<SearchSubmission> SubmitAsync(JsonElement definition, string? idempotencyKey, long? submittedByKeyId, bool forceNew, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (idempotencyKey is not null && !CheckIdempotencyKey(idempotencyKey, errors))
        {
            return new SearchSubmission(null, false, errors);
        }

        if (!CheckStorable(definition, errors))
        {
            return new SearchSubmission(null, false, errors);
        }

        var bodyHash = idempotencyKey is null ? null : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(definition.GetRawText())));
        if (idempotencyKey is not null && await FindByKeyAsync(idempotencyKey, cancellationToken) is { } earlier)
        {
            return Replay(earlier, bodyHash, errors);
        }

        var plan = await WarmStartsAsync(Plan(definition, errors), errors, cancellationToken);
        if (plan is null)
        {
            return new SearchSubmission(null, false, errors);
        }

        var definitionHash = DefinitionHash.Compute(definition);
        var search = new Search
        {
            Name = plan.Name,
            Dataset = EnumNames.Of(plan.Dataset),
            Model = EnumNames.Of(plan.Model),
            Definition = plan.DefinitionJson,
            DefinitionHash = definitionHash,
            TrialCount = plan.TrialCount,
            IdempotencyKey = idempotencyKey,
            IdempotencyBodyHash = bodyHash,
            SubmittedByKeyId = submittedByKeyId,
            CreatedAt = time.GetUtcNow(),
        };
        var strategy = db.Database.CreateExecutionStrategy();
        var cached = 0;
        Search? duplicate = null;
        try
        {
            await strategy.ExecuteAsync(async () =>
            {
                // The search row and all its trials commit together, or neither does.
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                duplicate = null;
                if (!forceNew)
                {
                    // Two submissions of one definition at once: the second waits here and finds the first's search.
                    await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({DuplicateLock(definitionHash)})", cancellationToken);
                    duplicate = await db.Searches.AsNoTracking().Where(DuplicateRule.Answers(definitionHash, submittedByKeyId))
                        .OrderByDescending(s => s.Id).FirstOrDefaultAsync(cancellationToken);
                    if (duplicate is not null)
                    {
                        return;
                    }
                }

                db.Searches.Add(search);
                await db.SaveChangesAsync(cancellationToken);
                var trials = plan.QueueOrder(limits.LongestFirst).Select(ToEnqueue).ToList();
                var connection = (NpgsqlConnection)db.Database.GetDbConnection();
                var npgsqlTransaction = (NpgsqlTransaction)transaction.GetDbTransaction();
                // Trials the result cache answers are recorded succeeded now; only the others are queued.
                var cachedOrdinals = plan.Reuse
                    ? await cache.RecordCachedAsync(connection, npgsqlTransaction, search.Id, trials, cancellationToken)
                    : new HashSet<int>();
                cached = cachedOrdinals.Count;
                await queue.EnqueueAsync(
                    connection,
                    npgsqlTransaction,
                    search.Id,
                    [.. trials.Where(t => !cachedOrdinals.Contains(t.Ordinal)), .. Unsuggested(plan)],
                    cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            });
        }
        catch (DbUpdateException e) when (idempotencyKey is not null && e.InnerException is PostgresException { SqlState: UniqueViolation })
        {
            // Another request with the same key won the race: answer with its search.
            db.ChangeTracker.Clear();
            var winner = await FindByKeyAsync(idempotencyKey, cancellationToken)
                ?? throw new InvalidOperationException("An idempotency key collided but its search is gone.", e);
            return Replay(winner, bodyHash, errors);
        }

        // A twin that carries this very key made its search while this one waited: a retry, answered as one.
        return duplicate is null ? new SearchSubmission(search, false, errors) { Cached = cached }
            : idempotencyKey is not null && duplicate.IdempotencyKey == idempotencyKey ? Replay(duplicate, bodyHash, errors)
            : new SearchSubmission(duplicate, false, errors) { Duplicate = true };
    }

    /// <summary>The advisory lock of a definition hash: its first 64 bits.</summary>
    private static long DuplicateLock(string definitionHash) =>
        long.Parse(definitionHash.AsSpan(0, 16), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// A dry run: the definition validated exactly as <see cref="SubmitAsync(JsonElement, string?, long?, CancellationToken)"/>
    /// validates it, and what it would cost; nothing is written. Null with the problems in
    /// <paramref name="errors"/> when it is not valid.
    /// </summary>
    public async Task<SearchDryRun?> DryRunAsync(JsonElement definition, ValidationErrors errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var plan = CheckStorable(definition, errors) ? await WarmStartsAsync(Plan(definition, errors), errors, cancellationToken) : null;
        if (plan is null)
        {
            return null;
        }

        var cached = plan.Reuse
            ? await cache.FindCachedAsync([.. plan.Trials.Select(ToEnqueue)], cancellationToken)
            : new Dictionary<int, long>();
        var rates = await measured.RatesAsync(cancellationToken);
        var queue = await measured.QueueStateAsync(upToSearch: null, cancellationToken);
        var trials = plan.Trials.Select(t =>
        {
            var cost = ReferenceCost.Of(t.Config);
            var rate = cost is null ? EpochRate.Reference : rates.For(plan.Dataset, plan.Model, cost.SizeClass);
            return new DryRunTrial(t, cached.TryGetValue(t.Ordinal, out var id) ? id : null, cost, rate);
        }).ToList();
        return new SearchDryRun(plan, trials, queue, rates) { LongestFirst = limits.LongestFirst };
    }

    /// <summary>The search's export (<see cref="SearchExport"/>): its row and its trials in grid order, read
    /// once each; null when there is no such search.</summary>
    public async Task<ExportTable?> ExportAsync(long id, CancellationToken cancellationToken)
    {
        var search = await db.Searches.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (search is null)
        {
            return null;
        }

        var trials = await TrialSort.Default.Apply(db.Trials.AsNoTracking().Where(t => t.SearchId == id)).ToListAsync(cancellationToken);
        return SearchExport.Of(search, trials);
    }

    public async Task<SearchProgress?> GetAsync(long id, CancellationToken cancellationToken)
    {
        // The row and its trial counts from one snapshot: a cancel committed between two separate reads
        // would show the cancelled trials under a status derived from the row as it was before the cancel.
        var strategy = db.Database.CreateExecutionStrategy();
        var progress = await strategy.ExecuteAsync(async ct =>
        {
            await using var snapshot = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
            var search = await db.Searches.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
            var read = search is null ? null : (await ProgressAsync([search], ct))[0];
            await snapshot.CommitAsync(ct);
            return read;
        }, cancellationToken);
        return progress is null ? null : progress with { Epochs = await measured.SearchProgressAsync(id, cancellationToken) };
    }

    public async Task<Page<SearchProgress>> ListAsync(int page, int pageSize, CancellationToken cancellationToken)
    {
        var total = await db.Searches.CountAsync(cancellationToken);
        var searches = await db.Searches.AsNoTracking()
            .OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .ToListAsync(cancellationToken);
        return new Page<SearchProgress>(await ProgressAsync(searches, cancellationToken), page, pageSize, total);
    }

    public async Task<Page<Trial>?> TrialsAsync(long searchId, TrialStatus? status, TrialSort sort, int page, int pageSize, CancellationToken cancellationToken)
    {
        if (!await db.Searches.AnyAsync(s => s.Id == searchId, cancellationToken))
        {
            return null;
        }

        var trials = db.Trials.AsNoTracking().Where(t => t.SearchId == searchId);
        if (status is not null)
        {
            trials = trials.Where(t => t.Status == status);
        }

        var total = await trials.CountAsync(cancellationToken);
        var items = await sort.Apply(trials).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new Page<Trial>(items, page, pageSize, total);
    }

    /// <summary>Who submitted the search; null when there is no such search.</summary>
    public Task<SearchOwner?> OwnerAsync(long searchId, CancellationToken cancellationToken) =>
        db.Searches.AsNoTracking().Where(s => s.Id == searchId)
            .Select(s => new SearchOwner(s.Id, s.SubmittedByKeyId)).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Who submitted the trial's search; null when there is no such trial.</summary>
    public Task<SearchOwner?> OwnerOfTrialAsync(long trialId, CancellationToken cancellationToken) =>
        (from trial in db.Trials.AsNoTracking()
         join search in db.Searches.AsNoTracking() on trial.SearchId equals search.Id
         where trial.Id == trialId
         select new SearchOwner(search.Id, search.SubmittedByKeyId)).FirstOrDefaultAsync(cancellationToken);

    public async Task<(Trial Trial, IReadOnlyList<Epoch> Epochs)?> TrialAsync(long trialId, CancellationToken cancellationToken)
    {
        var trial = await db.Trials.AsNoTracking().FirstOrDefaultAsync(t => t.Id == trialId, cancellationToken);
        if (trial is null)
        {
            return null;
        }

        var epochs = await db.Epochs.AsNoTracking().Where(e => e.TrialId == trialId).OrderBy(e => e.Number).ToListAsync(cancellationToken);
        return (trial, epochs);
    }

    /// <summary>Queued trials are cancelled at once; running ones stop at their next epoch.
    /// A search that already completed stays completed.</summary>
    /// <summary>Cancels the search <paramref name="progress"/> was read from (the caller read it to check
    /// who may cancel); a search already over is returned as it is. Null if it is gone meanwhile.</summary>
    public async Task<SearchProgress?> CancelAsync(SearchProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        if (progress.Status is SearchStatus.Completed or SearchStatus.Cancelled)
        {
            return progress;
        }

        await queue.CancelSearchAsync(progress.Search.Id, cancellationToken);
        return await GetAsync(progress.Search.Id, cancellationToken);
    }

    private static bool CheckStorable(JsonElement definition, ValidationErrors errors) =>
        StoredText.CheckJson(errors, definition, MaxDefinitionStringLength);

    private SearchPlan? Plan(JsonElement definition, ValidationErrors errors) => SearchPlanner.Plan(definition, limits, errors);

    private static TrialToEnqueue ToEnqueue(PlannedTrial trial) => new(trial.Ordinal, trial.ConfigJson, trial.ConfigHash, trial.GridPointJson, Repeat: trial.Repeat) { ChosenBy = trial.ChosenBy };

    /// <summary>A TPE search's trials after its warm starts, queued without a configuration: TPE suggests each at claim.</summary>
    private static IEnumerable<TrialToEnqueue> Unsuggested(SearchPlan plan) =>
        Enumerable.Range(plan.Trials.Count, plan.Tpe?.Suggested ?? 0).Select(TrialToEnqueue.Unsuggested);

    /// <summary>
    /// A TPE plan with its startFrom read: the earlier search must exist and train the same dataset and model
    /// (else an error under startFrom.searchId, and null); its top configurations by its leaderboard (test accuracy)
    /// that lie in this search's space follow the definition's points. Any other plan as it is.
    /// </summary>
    private async Task<SearchPlan?> WarmStartsAsync(SearchPlan? plan, ValidationErrors errors, CancellationToken cancellationToken)
    {
        if (plan?.Tpe is not { StartFrom: { } startFrom } tpe)
        {
            return plan;
        }

        var earlier = await db.Searches.AsNoTracking().FirstOrDefaultAsync(s => s.Id == startFrom.SearchId, cancellationToken);
        if (earlier is null)
        {
            errors.Add("startFrom.searchId", $"there is no search {startFrom.SearchId}.");
            return null;
        }

        if (earlier.Dataset != EnumNames.Of(plan.Dataset) || earlier.Model != EnumNames.Of(plan.Model))
        {
            errors.Add("startFrom.searchId", $"search {earlier.Id} trains {earlier.Model} on {earlier.Dataset}, and this one {EnumNames.Of(plan.Model)} on {EnumNames.Of(plan.Dataset)}: it says nothing about this space.");
            return null;
        }

        var top = await leaderboard.ForSearchAsync(earlier.Id, startFrom.Top, Domain.Leaderboard.LeaderboardMetric.TestAccuracy, cancellationToken);
        var inSpace = top
            .Select(entry => tpe.Space.PointOf(entry.GridPointJson, entry.ConfigJson))
            .Select(point => point is null ? null : tpe.Space.Resolve(point, 0))
            .OfType<PlannedTrial>()
            .Select(trial => trial with { ChosenBy = ChosenBy.StartFrom });
        return plan.WithWarmStarts(inSpace);
    }

    /// <summary>A key is 1 to 200 printable characters: an empty or blank one would make every such
    /// request a retry of the first.</summary>
    private static bool CheckIdempotencyKey(string key, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Any(char.IsControl))
        {
            errors.Add("Idempotency-Key", $"must be 1 to {MaxIdempotencyKeyLength} printable characters, not blank.");
            return false;
        }

        return StoredText.Check(errors, "Idempotency-Key", key, MaxIdempotencyKeyLength);
    }

    /// <summary>Searches stored before body hashes were kept have none: their keys replay as before.</summary>
    private static SearchSubmission Replay(Search earlier, string? bodyHash, ValidationErrors errors) =>
        earlier.IdempotencyBodyHash is { } stored && stored != bodyHash
            ? new SearchSubmission(null, false, errors) { KeyReusedWithOtherBody = true }
            : new SearchSubmission(earlier, true, errors);

    private Task<Search?> FindByKeyAsync(string key, CancellationToken cancellationToken) =>
        db.Searches.AsNoTracking().FirstOrDefaultAsync(s => s.IdempotencyKey == key, cancellationToken);

    private async Task<IReadOnlyList<SearchProgress>> ProgressAsync(IReadOnlyList<Search> searches, CancellationToken cancellationToken)
    {
        var ids = searches.Select(s => s.Id).ToList();
        var rows = await db.Trials.AsNoTracking()
            .Where(t => ids.Contains(t.SearchId))
            .GroupBy(t => new { t.SearchId, t.Status })
            .Select(g => new { g.Key.SearchId, g.Key.Status, Count = g.Count(), Started = g.Min(t => t.StartedAt), Finished = g.Max(t => t.FinishedAt) })
            .ToListAsync(cancellationToken);

        var best = await leaderboard.BestOfSearchesAsync(ids, cancellationToken);
        var progress = new List<SearchProgress>(searches.Count);
        foreach (var search in searches)
        {
            var mine = rows.Where(r => r.SearchId == search.Id).ToList();
            int Count(TrialStatus status) => mine.Where(r => r.Status == status).Sum(r => r.Count);
            var counts = new TrialCounts(Count(TrialStatus.Queued), Count(TrialStatus.Running), Count(TrialStatus.Succeeded), Count(TrialStatus.Failed), Count(TrialStatus.Cancelled));
            progress.Add(new SearchProgress(search, counts, best.GetValueOrDefault(search.Id), mine.Min(r => r.Started), mine.Max(r => r.Finished)));
        }

        return progress;
    }
}
