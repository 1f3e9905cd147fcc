namespace GridSearch.Core.Tests.Queue;

/// <summary>What a transition does to a timestamp column.</summary>
internal enum TimeChange
{
    Null,
    Kept,
    Now,

    /// <summary>Now plus the retry backoff after the attempt that failed.</summary>
    AfterBackoff,
}
