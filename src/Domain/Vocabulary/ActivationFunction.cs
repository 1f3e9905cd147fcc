namespace GridSearch.Domain.Vocabulary;

/// <summary>The activations a trial may name. The values are the native bridge's gs_activation.</summary>
public enum ActivationFunction
{
    /// <summary>The bridge's "no activation" (an output layer); never a user's choice.</summary>
    [NotAChoice]
    None = 0,
    Relu = 1,
    Tanh = 2,
    Sigmoid = 3,
    Elu = 4,
    LeakyRelu = 5,
    Gelu = 6,
    Selu = 7,
}
