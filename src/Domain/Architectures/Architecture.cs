namespace GridSearch.Domain.Architectures;

/// <summary>A sequential network from <see cref="Input"/> images to <see cref="Classes"/> logits.</summary>
public sealed record Architecture(ImageShape Input, int Classes, IReadOnlyList<LayerSpec> Layers)
{
    public long ParameterCount => Layers.Sum(layer => layer.ParameterCount);
}
