namespace GridSearch.Api.Hosting;

/// <summary>
/// Marks an endpoint that clients poll (a running search's status and leaderboard, answered from what was read
/// once per change): like the health probes, its answers are logged only at Debug unless they fail, since a
/// few dozen pollers make thousands a second, and writing each to the console cost the load bench a third of its
/// requests per second.
/// </summary>
public sealed class PolledRead
{
    public static readonly PolledRead Instance = new();

    private PolledRead()
    {
    }
}
