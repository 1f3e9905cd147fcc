namespace GridSearch.QueueBench;

/// <summary>How a bench claimer takes trials and records them.</summary>
internal enum ClaimPath
{
    /// <summary>ClaimAsync, then CompleteAsync: two round trips per trial.</summary>
    ClaimThenComplete,

    /// <summary>CompleteAndClaimNextAsync: one round trip per trial.</summary>
    CompleteAndClaimNext,

    /// <summary>CompleteAndClaimAsync with a batch: one round trip per batch of trials.</summary>
    Batch,
}
