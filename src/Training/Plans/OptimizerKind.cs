namespace GridSearch.Training.Plans;

/// <summary>The optimizer algorithms of the native bridge (gs_optimizer_kind); the named variants
/// (momentum, nesterov, amsgrad) are settings of these, see <see cref="OptimizerSettings"/>.</summary>
public enum OptimizerKind
{
    Sgd = 1,
    Adam = 2,
    AdamW = 3,
    RmsProp = 4,
    Adagrad = 5,
}
