namespace GridSearch.Domain.Vocabulary;

/// <summary>Where a layer's batch normalisation sits: before its activation (dense or conv → batch norm →
/// activation, as in the batch-norm paper), or after it (→ activation → batch norm, as Keras code that gives
/// its <c>Dense</c> or <c>Conv2D</c> an <c>activation</c> and then adds <c>BatchNormalization()</c> has it).</summary>
public enum BatchNormPosition
{
    BeforeActivation,
    AfterActivation,
}
