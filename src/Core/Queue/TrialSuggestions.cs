using System.Text.Json;
using GridSearch.Domain.Definition;
using GridSearch.Domain.Planning;
using GridSearch.Domain.Sampling;
using GridSearch.Domain.Trials;
using Npgsql;

namespace GridSearch.Core.Queue;

/// <summary>
/// Where a TPE search's trials get their configurations: at claim. A TPE search is queued as its warm-start points
/// (configured, chosen_by <c>point</c> or <c>start_from</c>) and then trials without a configuration (config
/// <c>{}</c>, chosen_by NULL: <see cref="TrialToEnqueue.Unsuggested"/>); the claim stays one statement and takes
/// either kind. Right after it takes one without a configuration, in the same process,
/// <see cref="TrialQueue.ClaimAsync"/> calls <see cref="SuggestAsync"/>, which in one transaction takes the search's
/// advisory lock, reads the search's trials (the finished ones are the observations: validation accuracy, of the
/// best epoch, or of the last for a trial a pruner or a limit stopped; the running and queued configured ones are
/// pending, the constant liar's), and, with <c>startFrom</c>, the earlier search's finished trials that lie in this
/// space with the same fixed settings, asks <see cref="TpeSampler"/> for a point no trial of the search has, and
/// writes its config, config hash, grid point and chosen_by (<c>tpe_startup</c> while the observations are fewer
/// than <see cref="TpeOptions.StartupTrials"/>, then <c>tpe</c>) fenced by the lease token.
/// <para>
/// Guarantees. No configuration twice in a search: suggestions of one search are serialised by the advisory lock,
/// each refuses every config hash the search holds (isTaken), and the unique index on (search_id, config_hash)
/// backs it. Two workers claiming at once claim two different rows (FOR UPDATE SKIP LOCKED); the second
/// suggestion waits on the lock for the first to commit and then sees the first's trial as pending, so it is
/// steered away from it as well as refused its config. Delivery is unchanged, at least once: a worker that dies
/// between the claim and the suggestion leaves a running trial without a configuration, rescued when its lease
/// expires and suggested at its next claim; a suggested trial handed back, retried or rescued keeps its
/// configuration (the claim only asks for one where chosen_by is NULL). When no configuration is left (the space
/// is finite and every point is a trial), the claimed trial and the search's other unsuggested queued ones end
/// cancelled with the reason in their error, the attempt given back as for a limit at claim, and the search
/// completes as its trials finish.
/// </para>
/// </summary>
public sealed class TrialSuggestions(NpgsqlDataSource dataSource, QueueOptions options)
{
    /// <summary>The error of a trial that was never given a configuration because none was left.</summary>
    public const string Exhausted = "not run: the search's space is exhausted (every configuration in it is already a trial of this search)";

    /// <summary>The error of a trial whose search no longer plans as a TPE search (its definition was stored valid,
    /// and a later version reads it otherwise): nothing can be suggested for it.</summary>
    public const string NotPlanned = "not run: the search's definition no longer plans as a tpe search, so nothing can be suggested";

    private const string LockSql = "SELECT pg_advisory_xact_lock(hashtextextended('trial-suggestions', @search))";

    private const string DefinitionSql = "SELECT definition::text FROM searches WHERE id = @search";

    // The objective of a finished trial: the validation accuracy of its best epoch, as recorded; a trial a pruner or a
    // limit (or the target) stopped was not trained to the end, so it counts at its last epoch. Oldest first, as
    // TPE weighs them.
    private const string TrialsSql = """
        SELECT t.status, t.config::text, t.config_hash, t.grid_point::text, t.chosen_by,
               CASE WHEN t.status = 'succeeded' THEN
                   CASE WHEN t.stop_reason = ANY(@stopped)
                        THEN (SELECT e.val_accuracy FROM epochs e WHERE e.trial_id = t.id ORDER BY e.number DESC LIMIT 1)
                        ELSE t.val_accuracy END
               END
        FROM trials t
        WHERE t.search_id = @search AND t.fold_of IS NULL AND t.id <> @id
        ORDER BY t.finished_at NULLS LAST, t.id
        """;

    private const string WriteSql = """
        UPDATE trials SET config = @config::jsonb, config_hash = @hash, grid_point = @grid_point::jsonb, chosen_by = @chosen_by
        WHERE id = @id AND lease_token = @token AND status = 'running'
        RETURNING CASE WHEN @changes::text IS NOT NULL THEN pg_notify(@changes, search_id::text) END IS NULL
        """;

    // The claimed trial never ran: its attempt is given back, and started_at with its first, as a limit at claim does.
    private const string ExhaustedSql = """
        UPDATE trials SET status = 'cancelled', finished_at = now(), error = @error, lease_token = NULL, lease_expires_at = NULL,
            attempts = CASE WHEN status = 'running' THEN attempts - 1 ELSE attempts END,
            started_at = CASE WHEN status = 'running' AND attempts = 1 THEN NULL ELSE started_at END
        WHERE EXISTS (SELECT FROM trials f WHERE f.id = @id AND f.lease_token = @token AND f.status = 'running')
          AND ((id = @id) OR (search_id = @search AND status = 'queued' AND chosen_by IS NULL))
        RETURNING CASE WHEN @changes::text IS NOT NULL THEN pg_notify(@changes, search_id::text) END IS NULL
        """;

    private static readonly string[] Stopped = [StopReason.Pruned, StopReason.Limit, StopReason.TargetReached];

    private readonly TpeSampler sampler = new();

    /// <summary>Gives the claimed trial its configuration (and the lease with it). False when the trial ended
    /// instead (no configuration left), or the lease no longer holds: the lease is then settled.</summary>
    public async Task<bool> SuggestAsync(TrialLease lease, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(lease);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var command = new NpgsqlCommand(LockSql, connection, transaction))
        {
            command.Parameters.AddWithValue("search", lease.SearchId);
            await command.ExecuteNonQueryAsync(ct);
        }

        var plan = await PlanAsync(connection, transaction, lease.SearchId, ct);
        var suggested = plan?.Tpe is { } tpe ? await ChooseAsync(connection, transaction, lease, tpe, plan.Seed, ct) : null;
        if (suggested is null)
        {
            await WriteAsync(connection, transaction, ExhaustedSql, lease, ct, ("error", plan?.Tpe is null ? NotPlanned : Exhausted), ("search", lease.SearchId));
            await transaction.CommitAsync(ct);
            lease.Settle();
            return false;
        }

        var written = await WriteAsync(
            connection, transaction, WriteSql, lease, ct,
            ("config", suggested.ConfigJson), ("hash", suggested.ConfigHash), ("grid_point", suggested.GridPointJson), ("chosen_by", suggested.ChosenBy));
        await transaction.CommitAsync(ct);
        if (!written)
        {
            lease.Settle();
            return false;
        }

        lease.ConfigJson = suggested.ConfigJson;
        lease.ConfigHash = suggested.ConfigHash;
        lease.ChosenBy = suggested.ChosenBy;
        return true;
    }

    /// <summary>The search's plan, re-read from its definition (valid when it was submitted); null when it is gone.</summary>
    private static async Task<SearchPlan?> PlanAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long searchId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(DefinitionSql, connection, transaction);
        command.Parameters.AddWithValue("search", searchId);
        if (await command.ExecuteScalarAsync(ct) is not string definition)
        {
            return null;
        }

        using var document = JsonDocument.Parse(definition);
        return SearchPlanner.Plan(document.RootElement, new SearchLimits { MaxTrialsPerSearch = int.MaxValue }, new ValidationErrors());
    }

    /// <summary>The suggestion for the claimed trial, or null when the space has no configuration left.</summary>
    private async Task<PlannedTrial?> ChooseAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, TrialLease lease, TpePlan tpe, long seed, CancellationToken ct)
    {
        var space = tpe.Space;
        var observed = new List<Observation>();
        if (tpe.StartFrom is { } startFrom)
        {
            foreach (var trial in await TrialsAsync(connection, transaction, startFrom.SearchId, 0, ct))
            {
                if (trial.Objective is { } value && space.PointOf(trial.GridPoint, trial.Config) is { } point && space.SameSettings(point, trial.Config))
                {
                    observed.Add(new Observation(point, -value));
                }
            }
        }

        var pending = new List<IReadOnlyList<object>>();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var trial in await TrialsAsync(connection, transaction, lease.SearchId, lease.TrialId, ct))
        {
            taken.Add(trial.ConfigHash);
            var point = trial.ChosenBy is null ? null : space.PointOf(trial.GridPoint, trial.Config);
            if (point is null)
            {
                continue;
            }

            if (trial.Objective is { } value)
            {
                observed.Add(new Observation(point, -value));
            }
            else if (trial.Status is "running" or "queued")
            {
                pending.Add(point);
            }
        }

        // A point that resolves to no valid config, or to one the search already has, is not offered.
        var random = SearchStrategy.Generator(unchecked((seed * 1_000_003) + lease.TrialId));
        var chosen = sampler.Suggest(space.Space, observed, pending, p => space.Resolve(p, 0) is not { } t || taken.Contains(t.ConfigHash), random);
        var suggestion = chosen is null ? null : space.Resolve(chosen, 0);
        return suggestion is null ? null : suggestion with { ChosenBy = TpeSampler.IsStartup(observed.Count, sampler.Options) ? ChosenBy.TpeStartup : ChosenBy.Tpe };
    }

    private static async Task<List<(string Status, string Config, string ConfigHash, string GridPoint, string? ChosenBy, double? Objective)>> TrialsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, long searchId, long exceptTrial, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(TrialsSql, connection, transaction);
        command.Parameters.AddWithValue("search", searchId);
        command.Parameters.AddWithValue("id", exceptTrial);
        command.Parameters.AddWithValue("stopped", Stopped);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var trials = new List<(string, string, string, string, string?, double?)>();
        while (await reader.ReadAsync(ct))
        {
            trials.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetDouble(5)));
        }

        return trials;
    }

    private async Task<bool> WriteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, TrialLease lease, CancellationToken ct, params (string Name, object Value)[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("id", lease.TrialId);
        command.Parameters.AddWithValue("token", lease.Token);
        command.Parameters.Add(TrialQueue.ChangesParameter(options));
        foreach (var (name, value) in values)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteNonQueryAsync(ct) > 0;
    }
}
