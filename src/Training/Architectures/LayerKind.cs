namespace GridSearch.Training.Architectures;

/// <summary>What a <see cref="LayerSpec"/> builds. The values are the native bridge's gs_layer_kind.</summary>
public enum LayerKind
{
    Dense = 1,
    Conv2d = 2,
    BatchNorm1d = 3,
    BatchNorm2d = 4,
    Activation = 5,
    Dropout = 6,
    MaxPool2 = 7,
    Flatten = 8,
}
