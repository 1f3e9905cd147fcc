using GridSearch.Core.Queue;

namespace GridSearch.Core.Tests.Queue;

/// <summary>
/// One row of the trial's transition table (see <see cref="TrialQueue"/>): how to reach the state it
/// starts from, the call that moves it, what that call returns, and the trial's columns afterwards.
/// </summary>
internal sealed record QueueTransition(
    Func<Scenario, Task> Arrange,
    Func<Scenario, Task<object>> Act,
    object Returns,
    string Status,
    int Attempts,
    LeaseChange Lease,
    TimeChange AvailableAt,
    TimeChange FinishedAt,
    string? Error,
    bool CancelRequested);
