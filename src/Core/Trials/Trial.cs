namespace GridSearch.Core.Trials;

/// <summary>
/// One combination of a search's grid, and also the unit of work on the queue.
/// Its state only changes through the methods below, which refuse illegal transitions;
/// the queue's SQL (see <see cref="Queue.TrialQueue"/>) guards the same transitions in its WHERE clauses.
/// </summary>
public sealed class Trial
{
    private Trial() { }

    public Trial(long searchId, int ordinal, string configJson, string configHash, int maxAttempts, DateTimeOffset now, string gridPointJson = "{}")
    {
        SearchId = searchId;
        Ordinal = ordinal;
        Config = configJson;
        ConfigHash = configHash;
        GridPoint = gridPointJson;
        MaxAttempts = maxAttempts;
        AvailableAt = now;
    }

    public long Id { get; private set; }
    public long SearchId { get; private set; }
    public int Ordinal { get; private set; }
    public TrialStatus Status { get; private set; } = TrialStatus.Queued;
    /// <summary>The resolved <see cref="TrialConfig"/> as JSON.</summary>
    public string Config { get; private set; } = "{}";
    public string ConfigHash { get; private set; } = "";
    /// <summary>The values of the axes its search varies, as the user wrote them (JSON object).</summary>
    public string GridPoint { get; private set; } = "{}";
    public int Attempts { get; private set; }
    public int MaxAttempts { get; private set; }
    public DateTimeOffset AvailableAt { get; private set; }
    public Guid? LeaseToken { get; private set; }
    public DateTimeOffset? LeaseExpiresAt { get; private set; }
    public bool CancelRequested { get; private set; }
    public string? Worker { get; private set; }
    public DateTimeOffset? StartedAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }
    public string? Error { get; private set; }

    public double? TestAccuracy { get; private set; }
    public double? TestLoss { get; private set; }
    public double? ValAccuracy { get; private set; }
    public double? ValLoss { get; private set; }
    public int? BestEpoch { get; private set; }
    public string? StopReason { get; private set; }
    public long? ParameterCount { get; private set; }
    /// <summary>The confusion matrix as JSON (rows: true class, columns: predicted).</summary>
    public string? ConfusionMatrix { get; private set; }

    public bool IsFinished => Status is TrialStatus.Succeeded or TrialStatus.Failed or TrialStatus.Cancelled;

    public void Claim(string worker, Guid leaseToken, DateTimeOffset leaseExpiresAt, DateTimeOffset now)
    {
        Require(TrialStatus.Queued, "be claimed");
        if (CancelRequested)
        {
            throw new InvalidTrialTransitionException(Id, Status, "be claimed after a cancel");
        }

        Status = TrialStatus.Running;
        Attempts++;
        Worker = worker;
        LeaseToken = leaseToken;
        LeaseExpiresAt = leaseExpiresAt;
        StartedAt ??= now;
    }

    public void Succeed(TrialResult result, DateTimeOffset now)
    {
        Require(TrialStatus.Running, "succeed");
        TestAccuracy = result.TestAccuracy;
        TestLoss = result.TestLoss;
        ValAccuracy = result.ValAccuracy;
        ValLoss = result.ValLoss;
        BestEpoch = result.BestEpoch;
        StopReason = result.StopReason;
        ParameterCount = result.ParameterCount;
        ConfusionMatrix = System.Text.Json.JsonSerializer.Serialize(result.ConfusionMatrix);
        Error = null;
        Finish(TrialStatus.Succeeded, now);
    }

    /// <summary>Fails the current attempt: back on the queue after <paramref name="backoff"/>
    /// while attempts remain, otherwise failed for good with the error kept.</summary>
    public void FailAttempt(string error, TimeSpan backoff, DateTimeOffset now)
    {
        Require(TrialStatus.Running, "fail");
        Error = error;
        if (CancelRequested)
        {
            // Cancelled while it ran: never queue it again, or its search would never finish.
            Finish(TrialStatus.Cancelled, now);
        }
        else if (Attempts < MaxAttempts)
        {
            ReleaseLease();
            Status = TrialStatus.Queued;
            AvailableAt = now + backoff;
        }
        else
        {
            Finish(TrialStatus.Failed, now);
        }
    }

    public void RequestCancel(DateTimeOffset now)
    {
        if (IsFinished)
        {
            return;
        }

        CancelRequested = true;
        if (Status == TrialStatus.Queued)
        {
            Finish(TrialStatus.Cancelled, now);
        }
    }

    /// <summary>The worker saw the cancel flag and stopped at an epoch boundary.</summary>
    public void ConfirmCancelled(DateTimeOffset now)
    {
        Require(TrialStatus.Running, "be cancelled by its worker");
        Finish(TrialStatus.Cancelled, now);
    }

    /// <summary>Hands a running trial back without counting it against the attempts (worker shutdown).</summary>
    public void Release(DateTimeOffset now)
    {
        Require(TrialStatus.Running, "be released");
        if (CancelRequested)
        {
            Finish(TrialStatus.Cancelled, now);
            return;
        }

        ReleaseLease();
        Attempts--;
        Status = TrialStatus.Queued;
        AvailableAt = now;
    }

    private void Finish(TrialStatus status, DateTimeOffset now)
    {
        ReleaseLease();
        Status = status;
        FinishedAt = now;
    }

    private void ReleaseLease()
    {
        LeaseToken = null;
        LeaseExpiresAt = null;
    }

    private void Require(TrialStatus expected, string action)
    {
        if (Status != expected)
        {
            throw new InvalidTrialTransitionException(Id, Status, action);
        }
    }
}
