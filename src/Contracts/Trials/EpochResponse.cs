namespace GridSearch.Contracts.Trials;

public sealed record EpochResponse(int Epoch, double TrainLoss, double TrainAccuracy, double? ValLoss, double? ValAccuracy, double LearningRate, double Seconds);
