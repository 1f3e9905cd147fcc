namespace GridSearch.Core.Training;

/// <summary>The activations a trial may name. The values are the native bridge's gs_activation.</summary>
public enum ActivationFunction
{
    None = 0,
    Relu = 1,
    Tanh = 2,
    Sigmoid = 3,
    Elu = 4,
    LeakyRelu = 5,
    Gelu = 6,
    Selu = 7,
}
