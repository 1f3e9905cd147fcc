namespace GridSearch.Training.Plans;

/// <summary>What a <see cref="MetricTracker"/> remembers between epochs, kept in a checkpoint.</summary>
public readonly record struct MetricTrackerState(double? Best, int EpochsWithoutImprovement);
