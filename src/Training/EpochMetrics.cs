namespace GridSearch.Training;

/// <summary>Mean loss and accuracy over one training epoch, measured in training mode.</summary>
public readonly record struct EpochMetrics(double Loss, double Accuracy);
