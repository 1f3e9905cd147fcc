namespace GridSearch.Core.Workers;

/// <summary>The trial a worker's slot runs, and its search.</summary>
public sealed record SlotTrial(int Slot, long TrialId, long? SearchId);
