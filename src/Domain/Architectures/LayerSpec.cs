using GridSearch.Domain.Vocabulary;

namespace GridSearch.Domain.Architectures;

/// <summary>
/// One layer of a sequential network, as the native bridge builds it (gs_layer). Fields a kind does
/// not use stay 0. Create them with the factory methods.
/// </summary>
public readonly record struct LayerSpec(
    LayerKind Kind,
    int Inputs = 0,
    int Outputs = 0,
    int Kernel = 0,
    int Padding = 0,
    ActivationFunction Activation = ActivationFunction.None,
    double Value = 0)
{
    /// <summary>libtorch's default negative slope.</summary>
    public const double LeakyReluSlope = 0.01;

    public static LayerSpec Dense(int inputs, int outputs) => new(LayerKind.Dense, inputs, outputs);

    /// <summary>A k×k convolution with stride 1 and <paramref name="padding"/> zeros on each side.</summary>
    public static LayerSpec Conv2d(int inputs, int outputs, int kernel, int padding) =>
        new(LayerKind.Conv2d, inputs, outputs, kernel, padding);

    public static LayerSpec BatchNorm1d(int features) => new(LayerKind.BatchNorm1d, features);

    public static LayerSpec BatchNorm2d(int channels) => new(LayerKind.BatchNorm2d, channels);

    public static LayerSpec Activate(ActivationFunction function) =>
        new(LayerKind.Activation, Activation: function, Value: function == ActivationFunction.LeakyRelu ? LeakyReluSlope : 0);

    public static LayerSpec Dropout(double rate) => new(LayerKind.Dropout, Value: rate);

    public static LayerSpec MaxPool2() => new(LayerKind.MaxPool2);

    public static LayerSpec MaxPool2Same() => new(LayerKind.MaxPool2Same);

    public static LayerSpec Flatten() => new(LayerKind.Flatten);

    /// <summary>Trainable parameters; batch norm's running statistics are buffers, not counted.</summary>
    public long ParameterCount => Kind switch
    {
        LayerKind.Dense => ((long)Inputs * Outputs) + Outputs,
        LayerKind.Conv2d => ((long)Inputs * Outputs * Kernel * Kernel) + Outputs,
        LayerKind.BatchNorm1d or LayerKind.BatchNorm2d => 2L * Inputs,
        _ => 0,
    };
}
