using SkiaSharp;

namespace GridSearch.Testing.Images;

/// <summary>8-bit grayscale PNGs of square images, for the tests that upload images to predict.</summary>
public static class GrayPng
{
    /// <summary>The PNG of <paramref name="pixels"/> (row-major gray levels in [0, 1]) as a square image.</summary>
    public static byte[] Encode(IReadOnlyList<float> pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        var side = (int)Math.Sqrt(pixels.Count);
        using var bitmap = new SKBitmap(new SKImageInfo(side, side, SKColorType.Gray8, SKAlphaType.Opaque));
        for (var i = 0; i < pixels.Count; i++)
        {
            var level = (byte)Math.Round(pixels[i] * 255);
            bitmap.SetPixel(i % side, i / side, new SKColor(level, level, level));
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
