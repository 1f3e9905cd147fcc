namespace GridSearch.Training.Data;

/// <summary>Row indices of a training set: the rows to train on and the held-out validation rows,
/// each in ascending order.</summary>
public sealed record DataSplit(int[] Train, int[] Validation);
