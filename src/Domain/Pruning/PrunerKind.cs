namespace GridSearch.Domain.Pruning;

/// <summary>How a search stops trials that are clearly behind before their last epoch.</summary>
public enum PrunerKind
{
    /// <summary>Every trial trains to its end (or its early stopping).</summary>
    None,

    /// <summary>Median stopping (Google Vizier, Optuna's MedianPruner).</summary>
    Median,

    /// <summary>Asynchronous successive halving (Li et al. 2018), with epochs as the resource.</summary>
    Asha,
}
