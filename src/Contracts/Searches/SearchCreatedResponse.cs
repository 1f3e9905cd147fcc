namespace GridSearch.Contracts.Searches;

public sealed record SearchCreatedResponse(long Id, string Name, string Status, int TrialCount, DateTimeOffset CreatedAt);
