using GridSearch.Domain.Models;
namespace GridSearch.Core.Models;

/// <summary>
/// The weights a succeeded trial's test metrics were measured on (the restored best epoch when early
/// stopping restores), kept with the trial. Written by the queue with the completion, fenced by the
/// lease; dropped when the search ends unless among its best (<see cref="Queue.QueueOptions.KeepModelsPerSearch"/>)
/// or <see cref="Pinned"/>.
/// </summary>
public sealed class TrialModel
{
    public long TrialId { get; private set; }

    /// <summary>How <see cref="Data"/> is encoded: <see cref="ModelState.Format"/>.</summary>
    public string Format { get; private set; } = ModelState.Format;

    public byte[] Data { get; private set; } = [];

    /// <summary>The length of <see cref="Data"/>, so listing sizes need not read the bytes.</summary>
    public int SizeBytes { get; private set; }

    /// <summary>Kept whatever its rank, until unpinned.</summary>
    public bool Pinned { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
}
