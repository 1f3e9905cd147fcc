namespace GridSearch.Cli.Rendering;

/// <summary>One hyperparameter column of a table: a grid axis, read from the trial's grid point, or a
/// key of its resolved config.</summary>
internal sealed record HyperparameterColumn(string Name, bool FromGridPoint);
