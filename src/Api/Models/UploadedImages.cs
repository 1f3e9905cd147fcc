using GridSearch.Domain.Architectures;
using GridSearch.Domain.Definition;
using SkiaSharp;

namespace GridSearch.Api.Models;

/// <summary>
/// The images of a multipart predict request: every uploaded file, in order, a 28×28 image in any format Skia
/// decodes (PNG above all), read as gray in [0, 1] the way the datasets store digits: light strokes on a dark
/// ground. Colour is turned to luminance and transparency composited over black (a canvas drawing with a
/// transparent ground reads as MNIST does); <c>invert=true</c> (a form field) takes dark-on-light scans.
/// </summary>
public static class UploadedImages
{
    /// <summary>Larger files are refused unread: a 28×28 image is a few hundred bytes in any format.</summary>
    public const int MaxFileBytes = 1 << 20;

    public const string InvertField = "invert";

    /// <summary>The images (null with each bad file named under <c>images[i]</c>) and whether invert=true turned them.</summary>
    public static async Task<(List<float[]>? Images, bool Inverted)> ReadAsync(HttpRequest request, ImageShape shape, ValidationErrors errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(errors);
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            errors.Add("body", $"is not a readable multipart form: {e.Message}");
            return (null, false);
        }

        if (form.Files.Count == 0)
        {
            errors.Add("images", $"must upload at least one image file ({shape.Width}×{shape.Height} grayscale PNG).");
            return (null, false);
        }

        var invert = form.TryGetValue(InvertField, out var flag) && flag.Count > 0;
        if (invert && !bool.TryParse(flag[0], out invert))
        {
            errors.Add(InvertField, $"must be true or false, got '{flag[0]}'.");
        }

        var images = new List<float[]>(form.Files.Count);
        for (var i = 0; i < form.Files.Count; i++)
        {
            var file = form.Files[i];
            var image = await DecodeAsync(file, shape, invert, cancellationToken);
            if (image.Problem is not null)
            {
                errors.Add($"images[{i}]", $"'{file.FileName}' {image.Problem}");
            }

            images.Add(image.Pixels ?? []);
        }

        return (errors.IsEmpty ? images : null, invert);
    }

    private static async Task<(float[]? Pixels, string? Problem)> DecodeAsync(IFormFile file, ImageShape shape, bool invert, CancellationToken cancellationToken)
    {
        if (file.Length > MaxFileBytes)
        {
            return (null, $"is {file.Length:N0} bytes; an image of {shape.Width}×{shape.Height} pixels takes at most {MaxFileBytes:N0}.");
        }

        using var bytes = new MemoryStream((int)file.Length);
        await file.CopyToAsync(bytes, cancellationToken);
        bytes.Position = 0;
        using var codec = SKCodec.Create(bytes);
        if (codec is null)
        {
            return (null, "is not an image (PNG, JPEG, GIF, BMP or WebP).");
        }

        if (codec.Info.Width != shape.Width || codec.Info.Height != shape.Height)
        {
            return (null, $"must be {shape.Width}×{shape.Height} pixels, got {codec.Info.Width}×{codec.Info.Height}.");
        }

        using var bitmap = SKBitmap.Decode(codec, new SKImageInfo(shape.Width, shape.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        if (bitmap is null)
        {
            return (null, "could not be decoded (a damaged file?).");
        }

        var pixels = new float[shape.Pixels];
        var colours = bitmap.Pixels;
        for (var p = 0; p < pixels.Length; p++)
        {
            pixels[p] = Gray(colours[p], invert);
        }

        return (pixels, null);
    }

    /// <summary>A pixel's gray level in [0, 1]: a gray pixel's own level exactly as the trainer scales it (so a PNG of a
    /// dataset image gives that image's values), else ITU-R BT.601 luminance; composited by its alpha over
    /// the ground (black, or white when inverted, so a transparent ground always ends dark).</summary>
    private static float Gray(SKColor colour, bool invert)
    {
        var level = colour.Red == colour.Green && colour.Green == colour.Blue
            ? colour.Red * (1f / 255f)
            : (float)((0.299 * colour.Red + 0.587 * colour.Green + 0.114 * colour.Blue) / 255);
        if (colour.Alpha != 255)
        {
            var alpha = colour.Alpha / 255f;
            level = level * alpha + (invert ? 1 - alpha : 0);
        }

        return invert ? 1 - level : level;
    }
}
