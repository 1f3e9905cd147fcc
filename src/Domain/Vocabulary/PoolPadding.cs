namespace GridSearch.Domain.Vocabulary;

/// <summary>How a CNN block's 2×2 max pooling treats an odd side, as Keras' <c>padding</c> does: valid
/// rounds down (7 → 3, the last row and column dropped), same rounds up (7 → 4, the last row and column
/// pooled alone).</summary>
public enum PoolPadding
{
    Valid,
    Same,
}
