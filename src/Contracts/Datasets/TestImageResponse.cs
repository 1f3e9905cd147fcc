namespace GridSearch.Contracts.Datasets;

/// <summary>One test image of a dataset: <see cref="Index"/> of <see cref="Count"/> in its test file, its true
/// class, and its pixels as predict takes them (row-major gray levels in [0, 1]).</summary>
public sealed record TestImageResponse(string Dataset, int Index, int Count, int Label, int Height, int Width, float[] Pixels);
