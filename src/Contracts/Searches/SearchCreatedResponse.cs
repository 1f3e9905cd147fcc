namespace GridSearch.Contracts.Searches;

/// <summary>A submitted search; <see cref="Cached"/> of its trials were answered by the result cache at once.
/// <see cref="Duplicate"/>: the definition was submitted before, and this is that search (nothing new was queued).</summary>
public sealed record SearchCreatedResponse(long Id, string Name, string Status, int TrialCount, int Cached, DateTimeOffset CreatedAt, bool Duplicate = false);
