namespace GridSearch.Domain.Vocabulary;

/// <summary>How dense and convolution weights start. The values are the native bridge's gs_initializer.</summary>
public enum WeightInitializer
{
    /// <summary>libtorch's own: weights and biases uniform in ±1/√fan_in.</summary>
    Default = 0,
    HeNormal = 1,
    HeUniform = 2,
    GlorotNormal = 3,
    GlorotUniform = 4,
}
