using System.Globalization;
using Npgsql;

namespace GridSearch.QueueBench;

/// <summary>
/// CPU time the PostgreSQL server spends for the bench: its backends on the bench's database plus the
/// server's own processes (WAL writer, checkpointer, autovacuum), from /proc/&lt;pid&gt;/stat (utime + stime),
/// and the transactions committed there (pg_stat_database). The server runs on this machine; backends of
/// other databases (other people's tests on the shared cluster) are left out.
/// </summary>
internal sealed class DatabaseCpu(NpgsqlDataSource dataSource, string database)
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    public async Task<Sample> SampleAsync()
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT pid FROM pg_stat_activity WHERE datname = @db OR datname IS NULL
            """);
        command.Parameters.AddWithValue("db", database);
        var pids = new List<int>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                pids.Add(reader.GetInt32(0));
            }
        }

        var ticks = new Dictionary<int, long>();
        foreach (var pid in pids)
        {
            if (Ticks(pid) is { } t)
            {
                ticks[pid] = t;
            }
        }

        await using var commits = dataSource.CreateCommand("SELECT xact_commit FROM pg_stat_database WHERE datname = @db");
        commits.Parameters.AddWithValue("db", database);
        // The statistics collector's counters lag by up to half a second; the bench's windows are longer.
        return new Sample(ticks, (long)(await commits.ExecuteScalarAsync())!, DateTime.UtcNow);
    }

    /// <summary>CPU seconds the server spent between two samples: processes seen in both count their
    /// difference, processes that appeared meanwhile all of theirs.</summary>
    public static double Seconds(Sample before, Sample after) =>
        after.Ticks.Sum(p => p.Value - before.Ticks.GetValueOrDefault(p.Key)) / TicksPerSecond;

    private static long? Ticks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the command name (which may hold spaces) start after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }

    internal sealed record Sample(Dictionary<int, long> Ticks, long Commits, DateTime At);
}
