using System.Net.Sockets;
using GridSearch.Core.Persistence;
using GridSearch.Migrations;
using Npgsql;

namespace GridSearch.Worker.Preflight;

/// <summary>
/// One look at whether the database is ready for this worker's slots: it answers, it is migrated, and its
/// schema is one this worker knows. What fixes itself is something to wait for (PostgreSQL not started yet,
/// restarting, or out of connections; the schema not migrated yet, or a migration behind, which the API or
/// make migrate applies); what does not (refused credentials, no such database, a schema newer than this worker,
/// a connection string that is not one) is a problem to report.
/// </summary>
public sealed class DatabaseReadiness(string connectionString)
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    // Refused credentials (28P01 a wrong password, 28000 no such role or no pg_hba.conf entry) and a database
    // that does not exist (3D000): asking again changes nothing.
    private static readonly HashSet<string> Refusals = [PostgresErrorCodes.InvalidPassword, PostgresErrorCodes.InvalidAuthorizationSpecification, PostgresErrorCodes.InvalidCatalogName];

    /// <summary>What <see cref="CheckAsync"/> found.</summary>
    /// <param name="Ready">The slots may start.</param>
    /// <param name="Problem">Will not fix itself: the worker stops, with this line.</param>
    /// <param name="WaitingFor">Fixes itself: try again later; what it waits for.</param>
    public sealed record Outcome(bool Ready, string? Problem, string? WaitingFor);

    /// <summary>Host, port and database, never the password; null when the connection string is not one.</summary>
    public string? Where { get; } = Describe(connectionString);

    public async Task<Outcome> CheckAsync(CancellationToken cancellationToken)
    {
        NpgsqlConnectionStringBuilder settings;
        try
        {
            settings = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        }
        catch (ArgumentException e)
        {
            return Fail($"{DatabaseSettings.EnvironmentVariable} is not a connection string ({OneLine(e.Message)}): set it to one, e.g. {DatabaseSettings.LocalDefault}");
        }

        settings.Timeout = Math.Min(settings.Timeout, (int)ConnectTimeout.TotalSeconds);
        try
        {
            await using var connection = new NpgsqlConnection(settings.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT to_regclass('trials') IS NOT NULL", connection);
            if (await command.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return Wait("it has no trials table yet (not migrated): run make migrate, or start the API, which migrates it");
            }

            // As the API's readiness check tests it: a database a migration behind would let slots claim trials
            // only to fail them on a missing column; one a migration ahead may have changed what they write.
            var applied = await MigrationHistory.AppliedAsync(connection, cancellationToken);
            var unknown = applied.Except(MigrationHistory.Known, StringComparer.Ordinal).ToList();
            if (unknown.Count > 0)
            {
                return Fail($"the database at {Where} has migrations this worker does not know ({string.Join(", ", unknown)}): its schema is newer than this worker; run a worker of the API's version");
            }

            var pending = MigrationHistory.Known.Except(applied, StringComparer.Ordinal).ToList();
            if (pending.Count > 0)
            {
                return Wait($"it lacks the migrations {string.Join(", ", pending)}: run make migrate, or start the API, which migrates it");
            }
        }
        catch (PostgresException e) when (Refusals.Contains(e.SqlState))
        {
            return Fail($"the database at {Where} refused this worker ({e.SqlState}: {OneLine(e.MessageText)}): check the user, password and database in {DatabaseSettings.EnvironmentVariable}");
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            // The workers' role gets its grants from a migration (WorkerRole): one the API has yet to apply.
            return Wait($"it does not let this worker read its schema yet ({e.SqlState}: {OneLine(e.MessageText)}): the migrations grant it to the gridsearch_worker role, which the login must be in");
        }
        catch (PostgresException e) when (!e.IsTransient && !IsConnectionClass(e.SqlState))
        {
            return Fail($"the database at {Where} answered {e.SqlState}: {OneLine(e.MessageText)}");
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException or IOException)
        {
            return Wait($"it does not answer ({OneLine(Innermost(e).Message)})");
        }

        return new Outcome(true, null, null);
    }

    /// <summary>Connection exceptions (08…) and operator intervention (57P…: shutting down, starting up).</summary>
    private static bool IsConnectionClass(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal) || sqlState.StartsWith("57P", StringComparison.Ordinal);

    private static Outcome Fail(string problem) => new(false, problem, null);

    private static Outcome Wait(string reason) => new(false, null, reason);

    private static string? Describe(string connectionString)
    {
        try
        {
            var settings = new NpgsqlConnectionStringBuilder(connectionString);
            return $"Host={settings.Host};Port={settings.Port};Database={settings.Database}";
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static Exception Innermost(Exception e) => e.InnerException is { } inner ? Innermost(inner) : e;

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
