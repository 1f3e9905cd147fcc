namespace GridSearch.Training;

/// <summary>Mean loss and accuracy on a dataset in evaluation mode; the confusion matrix (rows: true
/// class, columns: predicted) when asked for.</summary>
public sealed record Evaluation(double Loss, double Accuracy, int[][]? ConfusionMatrix);
