using GridSearch.Domain.Definition;
using Npgsql;

namespace GridSearch.Core.Queue;

/// <summary>The pruner's standing query: where a leased trial stands at an epoch among its search's other
/// trials. It reads, never writes, so it takes no fence.</summary>
public sealed class EpochStandingQuery(NpgsqlDataSource dataSource)
{
    // The pruner's one query per epoch: a range of ix_epochs_search_number (an index-only scan); and the
    // database's clock, which the time limit is measured by.
    private const string StandingByAccuracySql = """
        SELECT array(SELECT val_accuracy FROM epochs
                     WHERE search_id = @search AND number = @number AND trial_id <> @id AND val_accuracy IS NOT NULL), now()
        """;

    private const string StandingByLossSql = """
        SELECT array(SELECT val_loss FROM epochs
                     WHERE search_id = @search AND number = @number AND trial_id <> @id AND val_loss IS NOT NULL), now()
        """;

    /// <summary>The pruner's view at the end of epoch <paramref name="epoch"/> of the leased trial: the values
    /// of <paramref name="metric"/> the search's other trials had at that epoch, and the database's time.</summary>
    public async Task<EpochStanding> EpochStandingAsync(TrialLease lease, int epoch, EpochMetric metric, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(lease);
        await using var command = dataSource.CreateCommand(metric == EpochMetric.ValAccuracy ? StandingByAccuracySql : StandingByLossSql);
        command.Parameters.AddWithValue("search", lease.SearchId);
        command.Parameters.AddWithValue("number", epoch);
        command.Parameters.AddWithValue("id", lease.TrialId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new EpochStanding(reader.GetFieldValue<double[]>(0), new DateTimeOffset(reader.GetDateTime(1), TimeSpan.Zero));
    }
}
