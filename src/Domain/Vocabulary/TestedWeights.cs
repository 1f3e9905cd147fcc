namespace GridSearch.Domain.Vocabulary;

/// <summary>Which weights an early-stopped trial is tested (and its model kept) with: its best epoch's, as
/// watched by <c>monitor</c>, or its last epoch's, as Keras' <c>EarlyStopping</c> leaves them unless given
/// <c>restore_best_weights=True</c>. Without early stopping the last epoch is tested either way.</summary>
public enum TestedWeights
{
    BestEpoch,
    LastEpoch,
}
