namespace GridSearch.Core.Search;

/// <summary>A submitted grid search: its definition as the user sent it and the trials it expanded to.</summary>
public sealed class Search
{
    private Search() { }

    public Search(
        string name, string dataset, string model, string definitionJson, int trialCount, string? idempotencyKey, DateTimeOffset now,
        string? idempotencyBodyHash = null, long? submittedByKeyId = null)
    {
        Name = name;
        Dataset = dataset;
        Model = model;
        Definition = definitionJson;
        TrialCount = trialCount;
        IdempotencyKey = idempotencyKey;
        CreatedAt = now;
        IdempotencyBodyHash = idempotencyBodyHash;
        SubmittedByKeyId = submittedByKeyId;
    }

    public long Id { get; private set; }
    public string Name { get; private set; } = "";
    public string Dataset { get; private set; } = "";
    public string Model { get; private set; } = "";
    /// <summary>The normalised definition as JSON.</summary>
    public string Definition { get; private set; } = "{}";
    public int TrialCount { get; private set; }
    public string? IdempotencyKey { get; private set; }
    /// <summary>SHA-256 (hex) of the definition sent with the idempotency key: a retry must send the same one.</summary>
    public string? IdempotencyBodyHash { get; private set; }
    /// <summary>The API key that submitted it; null when submitted without one (an open service).</summary>
    public long? SubmittedByKeyId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? CancelledAt { get; private set; }
    /// <summary>The limit of its definition that stopped it (<see cref="SearchStopReason"/>); null while none
    /// has. Set by a worker through <see cref="Queue.TrialQueue"/>.</summary>
    public string? StopReason { get; private set; }
    public DateTimeOffset? StoppedAt { get; private set; }

    public bool IsCancelled => CancelledAt is not null;

    public void Cancel(DateTimeOffset now) => CancelledAt ??= now;
}
