namespace GridSearch.Training.Plans;

/// <summary>The optimizer algorithms of the native bridge (gs_optimizer_kind); the named variants
/// (momentum, nesterov, amsgrad) are settings of these, see <see cref="OptimizerSettings"/>.</summary>
public enum OptimizerKind
{
    Sgd = 1,     // momentum, nesterov
    Adam = 2,    // amsgrad; weight decay added to the gradient (L2)
    AdamW = 3,   // amsgrad; decoupled weight decay
    RmsProp = 4, // momentum
    Adagrad = 5,
}
