namespace GridSearch.Contracts.Searches;

/// <summary>A submitted search; <see cref="Cached"/> of its trials were answered by the result cache at once.</summary>
public sealed record SearchCreatedResponse(long Id, string Name, string Status, int TrialCount, int Cached, DateTimeOffset CreatedAt);
