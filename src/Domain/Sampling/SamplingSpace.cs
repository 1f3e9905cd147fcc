namespace GridSearch.Domain.Sampling;

/// <summary>The axes a sampler chooses a point on, in a fixed order: a point is one value per axis, in this
/// order (one of the axis's choices, or for a range a double, or an int when the range is of whole numbers).</summary>
public sealed record SamplingSpace(IReadOnlyList<SamplingAxis> Axes);
