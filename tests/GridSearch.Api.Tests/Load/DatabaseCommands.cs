using System.Diagnostics;

namespace GridSearch.Api.Tests.Load;

/// <summary>
/// Counts the statements this process sends to one database, as Npgsql reports each on its "Npgsql" activity
/// source (tests run side by side in one process, each on a database of its own, so the name tells them apart).
/// The listener's liveness check (SELECT 1) is left out.
/// </summary>
public sealed class DatabaseCommands : IDisposable
{
    private readonly ActivityListener listener;
    private readonly string database;
    private long count;

    public DatabaseCommands(string database)
    {
        this.database = database;
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = Counted,
        };
        ActivitySource.AddActivityListener(listener);
    }

    public long Count => Interlocked.Read(ref count);

    public void Dispose() => listener.Dispose();

    private void Counted(Activity activity)
    {
        var statement = activity.GetTagItem("db.query.text") ?? activity.GetTagItem("db.statement");
        if (statement is string sql && sql != "SELECT 1" && activity.TagObjects.Any(tag => tag.Value is string value && value == database))
        {
            Interlocked.Increment(ref count);
        }
    }
}
