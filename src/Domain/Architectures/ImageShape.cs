namespace GridSearch.Domain.Architectures;

/// <summary>The shape of one input image, channels first.</summary>
public readonly record struct ImageShape(int Channels, int Height, int Width)
{
    /// <summary>MNIST and Fashion-MNIST: one channel of 28×28 pixels.</summary>
    public static ImageShape Mnist { get; } = new(1, 28, 28);

    public int Pixels => Channels * Height * Width;
}
