using System.Text.Json;

namespace GridSearch.Cli.Api;

/// <summary>A trial, as much of it as the CLI shows; <see cref="GridPoint"/> holds the values of the axes
/// its search varies, as written; <see cref="Epochs"/> is only filled by GET /api/trials/{id}.</summary>
internal sealed record Trial(
    long Id,
    long SearchId,
    int Ordinal,
    string Status,
    JsonElement GridPoint,
    JsonElement Config,
    int Attempts,
    string? Worker,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? Error,
    long? CachedFrom,
    TrialResult? Result,
    IReadOnlyList<Epoch>? Epochs)
{
    public TimeSpan? Duration => StartedAt is { } started && FinishedAt is { } finished ? finished - started : null;
}
