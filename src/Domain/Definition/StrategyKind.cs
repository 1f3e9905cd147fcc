namespace GridSearch.Domain.Definition;

/// <summary>How a search picks its trials from the grid: every point, a seeded sample of them, or TPE, which
/// suggests each trial's point when a worker claims it, from the trials finished by then.</summary>
public enum StrategyKind
{
    Grid,
    Random,
    Tpe,
}
