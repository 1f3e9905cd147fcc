using GridSearch.Domain.Definition;

namespace GridSearch.Core.Search;

/// <summary>A submitted grid search: its definition as the user sent it and the trials it expanded to.</summary>
public sealed class Search
{
    public long Id { get; private set; }
    public required string Name { get; init; }
    public required string Dataset { get; init; }
    public required string Model { get; init; }
    /// <summary>The normalised definition as JSON.</summary>
    public required string Definition { get; init; }
    /// <summary>Its trials: the grid's, and the fold trials of any cross-validation queued since
    /// (<see cref="Queue.TrialQueue.AddToSearchAsync"/> raises it).</summary>
    public int TrialCount { get; init; }
    public string? IdempotencyKey { get; init; }
    /// <summary>SHA-256 (hex) of the definition sent with the idempotency key: a retry must send the same one.</summary>
    public string? IdempotencyBodyHash { get; init; }
    /// <summary>The <see cref="GridSearch.Core.Search.DefinitionHash"/> of its definition: a resubmission of the same one is
    /// answered with this search (<see cref="DuplicateRule"/>). Null for searches stored before it was kept.</summary>
    public string? DefinitionHash { get; init; }
    /// <summary>The API key that submitted it; null when submitted without one (an open service).</summary>
    public long? SubmittedByKeyId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? CancelledAt { get; private set; }
    /// <summary>The limit of its definition that stopped it (<see cref="SearchStopReason"/>); null while none
    /// has. Set by a worker through <see cref="Queue.TrialQueue"/>.</summary>
    public string? StopReason { get; private set; }
    public DateTimeOffset? StoppedAt { get; private set; }

    public bool IsCancelled => CancelledAt is not null;
}
