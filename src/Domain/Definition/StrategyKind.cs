namespace GridSearch.Domain.Definition;

/// <summary>How a search picks its trials from the grid: every point, or a seeded sample of them.</summary>
public enum StrategyKind
{
    Grid,
    Random,
}
