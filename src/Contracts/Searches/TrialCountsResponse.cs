namespace GridSearch.Contracts.Searches;

public sealed record TrialCountsResponse(int Queued, int Running, int Succeeded, int Failed, int Cancelled);
