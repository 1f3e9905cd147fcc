using GridSearch.Domain.Vocabulary;

namespace GridSearch.Core.Estimates;

/// <summary>
/// One recently trained trial as the estimates read it: the seconds its epochs took here against their
/// reference seconds, and, when it finished in one attempt, the seconds of its end (from its claim to its
/// result, less its epochs: the test pass, set-up and writes) against the reference's end. A slot process's
/// first trial of a dataset also reads the dataset: its end is not measured.
/// </summary>
public sealed record MeasuredRun(
    long SearchId, Dataset Dataset, ModelFamily Model, int SizeClass, int Epochs, double EpochSeconds, double EpochReferenceSeconds,
    double? EndSeconds = null, double? EndReferenceSeconds = null)
{
    /// <summary>Its end's seconds per reference second; null when its end was not measured.</summary>
    public double? EndFactor => EndSeconds is { } seconds && EndReferenceSeconds is > 0 ? seconds / EndReferenceSeconds.Value : null;
}
