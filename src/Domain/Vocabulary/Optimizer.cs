using System.Text.Json.Serialization;

namespace GridSearch.Domain.Vocabulary;

/// <summary>The optimizers a trial may name (momentum and nesterov are SGD with momentum 0.9,
/// amsgrad is Adam's AMSGrad variant).</summary>
public enum Optimizer
{
    Sgd,
    Momentum,
    Nesterov,
    Adam,
    [JsonStringEnumMemberName("adamw")]
    AdamW,
    [JsonStringEnumMemberName("amsgrad")]
    AmsGrad,
    [JsonStringEnumMemberName("rmsprop")]
    RmsProp,
    Adagrad,
}
