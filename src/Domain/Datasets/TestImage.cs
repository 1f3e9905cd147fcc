namespace GridSearch.Domain.Datasets;

/// <summary>One of a dataset's test images: its place in the test file, its true class and its pixels (row-major
/// gray levels in [0, 1], scaled as the trainer scales them).</summary>
public sealed record TestImage(int Index, int Label, int Count, float[] Pixels);
