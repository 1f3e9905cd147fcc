using GridSearch.Testing.Database;

namespace GridSearch.Core.Tests.Queue;

/// <summary>The columns a transition may change, one trial's, read with the database's clock.</summary>
internal sealed record TrialRow(
    string Status,
    int Attempts,
    Guid? LeaseToken,
    DateTime? LeaseExpiresAt,
    DateTime AvailableAt,
    DateTime? FinishedAt,
    string? Error,
    bool CancelRequested,
    long Epochs,
    DateTime Now)
{
    public static async Task<TrialRow> ReadAsync(TestDatabase db, long trialId)
    {
        await using var command = db.DataSource.CreateCommand(
            """
            SELECT status, attempts, lease_token, lease_expires_at, available_at, finished_at, error, cancel_requested,
                   (SELECT count(*) FROM epochs WHERE trial_id = t.id), now()
            FROM trials t WHERE id = @id
            """);
        command.Parameters.AddWithValue("id", trialId);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"trial {trialId} is gone");
        return new TrialRow(
            reader.GetString(0),
            reader.GetInt32(1),
            reader.IsDBNull(2) ? null : reader.GetGuid(2),
            reader.IsDBNull(3) ? null : reader.GetDateTime(3),
            reader.GetDateTime(4),
            reader.IsDBNull(5) ? null : reader.GetDateTime(5),
            reader.IsDBNull(6) ? null : reader.GetString(6),
            reader.GetBoolean(7),
            reader.GetInt64(8),
            reader.GetDateTime(9));
    }
}
