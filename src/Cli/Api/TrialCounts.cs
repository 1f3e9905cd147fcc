namespace GridSearch.Cli.Api;

internal sealed record TrialCounts(int Queued, int Running, int Succeeded, int Failed, int Cancelled)
{
    public int Finished => Succeeded + Failed + Cancelled;
}
