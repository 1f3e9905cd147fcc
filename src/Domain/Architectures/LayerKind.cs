namespace GridSearch.Domain.Architectures;

/// <summary>What a <see cref="LayerSpec"/> builds, and so which of its fields it reads (the others are
/// ignored). The values are the native bridge's gs_layer_kind.</summary>
public enum LayerKind
{
    Dense = 1,       // Inputs -> Outputs, with bias
    Conv2d = 2,      // Inputs -> Outputs channels, Kernel x Kernel, stride 1, Padding zeros per side
    BatchNorm1d = 3, // over Inputs features
    BatchNorm2d = 4, // over Inputs channels
    Activation = 5,  // Activation; Value: leaky_relu's negative slope
    Dropout = 6,     // Value: the drop probability
    MaxPool2 = 7,    // 2x2, stride 2
    Flatten = 8,
    MaxPool2Same = 9, // 2x2, stride 2, odd sides rounded up (Keras' padding="same")
}
