namespace GridSearch.Core.Queue;

/// <summary>
/// What a claim hands a worker: the trial to run and the lease token that every later write about it
/// must present. A write with a token that is no longer the trial's (the lease expired and the trial was
/// rescued, retried or cancelled) is refused.
/// </summary>
/// <param name="Attempt">1 for the first run of the trial, 2 for its first retry, and so on.</param>
public sealed record TrialLease(long TrialId, long SearchId, Guid Token, int Attempt, string ConfigJson, string ConfigHash);
