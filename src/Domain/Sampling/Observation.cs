namespace GridSearch.Domain.Sampling;

/// <summary>A point of a <see cref="SamplingSpace"/> (one value per axis, in the space's order) and the value
/// it scored, lower being better: a caller that maximises an accuracy passes its negative.</summary>
public sealed record Observation(IReadOnlyList<object> Point, double Value);
