namespace GridSearch.Api.Dashboard;

/// <summary>How the dashboard's event streams learn that a search changed: the queue's change notifications,
/// and the polls that stand in for them. Bound from the <c>Dashboard</c> section.</summary>
public sealed class EventStreamOptions
{
    public const string Section = "Dashboard";

    /// <summary>Re-read on the queue's change notifications (<see cref="QueueChangeListener"/>). Off where
    /// LISTEN cannot work, e.g. behind PgBouncer in transaction pooling: the streams then poll.</summary>
    public bool ListenForChanges { get; set; } = true;

    /// <summary>How often a stream re-reads while no change is heard although the listener is up: the safety
    /// net for a notification lost to a reconnect that nothing else covers.</summary>
    public TimeSpan SafetyPoll { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a stream re-reads while change notifications are not heard (the listener is down or off).</summary>
    public TimeSpan Poll { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The same for a search that has finished and has no trial running.</summary>
    public TimeSpan SettledPoll { get; set; } = TimeSpan.FromSeconds(5);
}
