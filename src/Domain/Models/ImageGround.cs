using GridSearch.Domain.Architectures;

namespace GridSearch.Domain.Models;

/// <summary>
/// Whether an image given to a kept model has a light ground: dark strokes on a light ground, the negative of
/// what the datasets hold (light strokes on black), which the model reads as some other class with confidence.
/// Judged by the outermost ring of pixels (the border) rather than the whole image: a garment fills much of its
/// frame, so 3,718 of Fashion-MNIST's 70,000 images have a mean over 0.5, while no image of either dataset has a
/// border mean over 0.43 (MNIST's highest is 0.04) and every one of the 140,000 inverted has one over 0.57.
/// </summary>
public static class ImageGround
{
    /// <summary>A border mean above this, on the model's 0..1 scale, is a light ground.</summary>
    public const double LightAbove = 0.5;

    /// <summary>The mean of the image's outermost ring of pixels, in its own scale (0..1 for a model's input).</summary>
    public static double BorderMean(ReadOnlySpan<float> pixels, ImageShape shape)
    {
        var (width, height) = (shape.Width, shape.Height);
        if (shape.Channels != 1 || pixels.Length != width * height || width < 2 || height < 2)
        {
            throw new ArgumentException($"Needs one channel of {width}×{height} pixels (at least 2×2), got {pixels.Length} values in {shape.Channels} channels.", nameof(pixels));
        }

        var sum = 0.0;
        for (var x = 0; x < width; x++)
        {
            sum += pixels[x] + pixels[((height - 1) * width) + x];
        }

        for (var y = 1; y < height - 1; y++)
        {
            sum += pixels[y * width] + pixels[(y * width) + width - 1];
        }

        return sum / ((2 * width) + (2 * (height - 2)));
    }

    public static bool IsLight(ReadOnlySpan<float> pixels, ImageShape shape) => BorderMean(pixels, shape) > LightAbove;
}
