namespace GridSearch.Contracts.Models;

/// <summary>Something about one image the model's answer may hinge on, e.g. a light ground: <see cref="Image"/> is its
/// 0-based place in the request (images[i]), <see cref="Message"/> says what and what to do.</summary>
public sealed record PredictionWarningResponse(int Image, string Message);
