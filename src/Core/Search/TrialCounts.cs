namespace GridSearch.Core.Search;

public sealed record TrialCounts(int Queued, int Running, int Succeeded, int Failed, int Cancelled)
{
    public static readonly TrialCounts None = new(0, 0, 0, 0, 0);

    public int Finished => Succeeded + Failed + Cancelled;
}
