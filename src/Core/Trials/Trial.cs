using GridSearch.Domain.Trials;
namespace GridSearch.Core.Trials;

/// <summary>
/// One combination of a search's grid, and also the unit of work on the queue: a read model.
/// Its state changes only through <see cref="Queue.TrialQueue"/>, whose SQL is the trial's state machine
/// (the transition table is there); EF maps this class to read the rows back. The lease's columns
/// (token, expiry, when it is next available, the cancel flag) are the queue's alone and not read here.
/// </summary>
public sealed class Trial
{
    // Rows are only ever written by the queue's SQL; EF materialises them through this.
    private Trial() { }

    public long Id { get; private set; }
    public long SearchId { get; private set; }
    public int Ordinal { get; private set; }
    /// <summary>Which repeat of its configuration it is (0-based): it trains with its search's seed + this
    /// (<see cref="Domain.Planning.SearchPlan.Repeats"/>). A fold trial has its source's.</summary>
    public int Repeat { get; private set; }
    public TrialStatus Status { get; private set; } = TrialStatus.Queued;
    /// <summary>The resolved <see cref="TrialConfig"/> as JSON.</summary>
    public string Config { get; private set; } = "{}";
    public string ConfigHash { get; private set; } = "";
    /// <summary>The values of the axes its search varies, as the user wrote them (JSON object).</summary>
    public string GridPoint { get; private set; } = "{}";
    /// <summary>The strategy that chose its configuration (<see cref="Domain.Trials.ChosenBy"/>); null while a
    /// TPE search's trial waits for its suggestion (its config is then <c>{}</c>).</summary>
    public string? ChosenBy { get; private set; }
    public string? Worker { get; private set; }
    /// <summary>The <see cref="Trials.EngineVersion"/> of the worker that last claimed it (of the source, when cached).</summary>
    public string? EngineVersion { get; private set; }
    /// <summary>Where the last claim's worker trained it, as <see cref="Domain.Machines.TrialMachine"/> JSON (the
    /// source's, when cached); null when its worker did not say, or it never ran.</summary>
    public string? Machine { get; private set; }
    /// <summary>The trial whose result this one reuses: it was recorded at submission, never trained.</summary>
    public long? CachedFrom { get; private set; }
    /// <summary>The trial whose config this one cross-validates (one fold of it, see
    /// <see cref="CrossValidation.FoldRules"/>); null for a trial of the search's grid.</summary>
    public long? FoldOf { get; private set; }
    public int Attempts { get; private set; }
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
}
