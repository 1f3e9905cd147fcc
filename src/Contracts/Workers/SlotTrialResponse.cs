namespace GridSearch.Contracts.Workers;

/// <summary>The trial one of a worker's slots runs, and its search.</summary>
public sealed record SlotTrialResponse(int Slot, long TrialId, long? SearchId);
