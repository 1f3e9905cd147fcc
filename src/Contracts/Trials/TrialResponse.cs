using System.Text.Json;

namespace GridSearch.Contracts.Trials;

/// <summary>A trial as the API shows it; <see cref="Epochs"/> only on the single-trial endpoint.
/// <see cref="Repeat"/>: which repeat of its configuration it is (0-based; it trains with the search's seed + it).
/// <see cref="CachedFrom"/>: the trial whose result this one reuses (it was never trained itself).
/// <see cref="ModelKept"/>: whether its weights are kept (export and predict work); null where not looked
/// up (the event streams). <see cref="Machine"/>: where it was trained (its source's, when cached); null
/// until a worker that describes its machine claims it.</summary>
public sealed record TrialResponse(
    long Id,
    long SearchId,
    int Ordinal,
    int Repeat,
    string Status,
    JsonElement GridPoint,
    JsonElement Config,
    string ConfigHash,
    int Attempts,
    string? Worker,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? Error,
    long? CachedFrom,
    TrialResultResponse? Result,
    IReadOnlyList<EpochResponse>? Epochs,
    bool? ModelKept = null,
    TrialMachineResponse? Machine = null)
{
    /// <summary>The strategy that chose its configuration: grid, random, point, start_from, tpe_startup or tpe;
    /// null while a TPE search's trial waits for its suggestion (made when a worker claims it).</summary>
    public string? ChosenBy { get; init; }
}
