using System.Globalization;
using GridSearch.Domain.Architectures;
using GridSearch.Domain.Models;

namespace GridSearch.Api.Models;

/// <summary>
/// The predict response's warnings about images with a light ground (<see cref="ImageGround"/>), judged on the
/// pixels the model is given: each says how to send that image the right way round for how it came (JSON values,
/// an upload, an upload with invert=true). A warning rather than an inversion the service decides on its own: the
/// answer stays the model's answer to the pixels sent, and a client that means a light ground still gets it.
/// </summary>
public static class LightGroundWarnings
{
    /// <param name="inverted">Null for JSON images; for uploads, whether invert=true turned them.</param>
    public static IReadOnlyList<PredictionWarningResponse> For(IReadOnlyList<float[]> images, ImageShape shape, bool? inverted)
    {
        ArgumentNullException.ThrowIfNull(images);
        var warnings = new List<PredictionWarningResponse>();
        for (var i = 0; i < images.Count; i++)
        {
            var border = ImageGround.BorderMean(images[i], shape);
            if (border > ImageGround.LightAbove)
            {
                warnings.Add(new PredictionWarningResponse(i, Message(border, inverted)));
            }
        }

        return warnings;
    }

    private static string Message(double border, bool? inverted)
    {
        var ground = string.Create(CultureInfo.InvariantCulture, $"its border averages {border:0.00} on the model's 0..1 scale");
        const string Negative = "the model, trained on light strokes on a dark ground, reads it as its negative";
        return inverted switch
        {
            true => $"The ground is light after invert=true ({ground}): the file was light on dark already, and {Negative}. Upload it without invert=true (gridsearch predict without --invert).",
            false => $"The ground is light ({ground}): {Negative}. If it is dark strokes on a light ground, upload it with invert=true (gridsearch predict --invert).",
            null => $"The ground is light ({ground}): {Negative}. If it is dark strokes on a light ground, send each value v as 1 - v.",
        };
    }
}
