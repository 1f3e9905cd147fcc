using Npgsql;

namespace GridSearch.HangfireBench;

/// <summary>
/// The bench's own bookkeeping in its database, shared by the parent and its child processes: which
/// process started which held job (bench_runs), which processes may let theirs finish (bench_release),
/// and what a worker that lost its job got when it recorded it anyway (bench_outcomes).
/// </summary>
internal static class BenchTables
{
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("HANGFIRE_BENCH_DB") ?? throw new InvalidOperationException("HANGFIRE_BENCH_DB is not set.");

    public static async Task CreateAsync()
    {
        await ExecuteAsync(
            """
            CREATE TABLE bench_runs (tag text NOT NULL, pid integer NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp());
            CREATE TABLE bench_release (pid integer PRIMARY KEY);
            CREATE TABLE bench_outcomes (tag text NOT NULL, pid integer NOT NULL, recorded boolean NOT NULL);
            """);
    }

    public static Task StartedAsync(string tag, int pid) =>
        ExecuteAsync("INSERT INTO bench_runs (tag, pid) VALUES (@tag, @pid)", ("tag", tag), ("pid", pid));

    public static Task ReleaseAsync(int pid) =>
        ExecuteAsync("INSERT INTO bench_release (pid) VALUES (@pid) ON CONFLICT DO NOTHING", ("pid", pid));

    public static Task OutcomeAsync(string tag, int pid, bool recorded) =>
        ExecuteAsync("INSERT INTO bench_outcomes (tag, pid, recorded) VALUES (@tag, @pid, @recorded)", ("tag", tag), ("pid", pid), ("recorded", recorded));

    public static async Task<bool> IsReleasedAsync(int pid) =>
        await ScalarAsync<long>("SELECT count(*) FROM bench_release WHERE pid = @pid", ("pid", pid)) > 0;

    /// <summary>The process that started a run of the tag's job, the latest first, other than <paramref name="except"/>.</summary>
    public static async Task<int?> RunnerAsync(string tag, int except = 0)
    {
        var pid = await ScalarAsync<object?>(
            "SELECT pid FROM bench_runs WHERE tag = @tag AND pid <> @except ORDER BY at DESC LIMIT 1", ("tag", tag), ("except", except));
        return pid is int p ? p : null;
    }

    public static async Task<bool?> OutcomeOfAsync(string tag, int pid)
    {
        var recorded = await ScalarAsync<object?>(
            "SELECT recorded FROM bench_outcomes WHERE tag = @tag AND pid = @pid", ("tag", tag), ("pid", pid));
        return recorded is bool r ? r : null;
    }

    public static async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var result = await command.ExecuteScalarAsync();
        return (T)(result is DBNull ? null : result)!;
    }

    public static async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }
}
