using System.Globalization;
using GridSearch.Domain.Vocabulary;

namespace GridSearch.Core.Estimates;

/// <summary>
/// The rates of recently trained trials (<see cref="MeasuredRun"/>, most recent first), and the rule that picks
/// one for a trial: the runs most like it that there are. First those of its dataset, model and size; then of
/// its dataset and model; then of its model on either dataset; then any run at all (which still measures the
/// machines and their load); and when there is none, the calibrated reference (<see cref="EpochRate.Reference"/>).
/// Each rate comes from the most alike runs that measured it: the epoch rate is their epoch seconds over their
/// reference seconds, so long runs count for more; the end rate the median of their end rates (robust to the odd
/// end that waited on something else), or the epoch rate when no run's end was measured at all.
/// </summary>
public sealed class MeasuredRates(IReadOnlyList<MeasuredRun> runs)
{
    // A queue of thousands of trials asks for a few rates thousands of times: each worked out once. Instances
    // live for one request.
    private readonly Dictionary<(Dataset, ModelFamily, int, long?), EpochRate> picked = [];

    public IReadOnlyList<MeasuredRun> Runs { get; } = runs ?? throw new ArgumentNullException(nameof(runs));

    /// <summary>The rate for a trial of <paramref name="dataset"/>, <paramref name="model"/> and
    /// <paramref name="sizeClass"/> (<see cref="TrialCost.SizeClass"/>), from runs of searches other than
    /// <paramref name="exceptSearch"/>.</summary>
    public EpochRate For(Dataset dataset, ModelFamily model, int sizeClass, long? exceptSearch = null)
    {
        if (!picked.TryGetValue((dataset, model, sizeClass, exceptSearch), out var rate))
        {
            rate = Pick(dataset, model, sizeClass, exceptSearch);
            picked[(dataset, model, sizeClass, exceptSearch)] = rate;
        }

        return rate;
    }

    private EpochRate Pick(Dataset dataset, ModelFamily model, int sizeClass, long? exceptSearch)
    {
        var others = Runs.Where(r => r.SearchId != exceptSearch).ToList();
        (Func<MeasuredRun, bool> Match, string Scope)[] scopes =
        [
            (r => r.Dataset == dataset && r.Model == model && r.SizeClass == sizeClass, $"{Names(dataset, model)} trials of this size ({SizeWords(sizeClass)})"),
            (r => r.Dataset == dataset && r.Model == model, $"{Names(dataset, model)} trials (none of this size)"),
            (r => r.Model == model, $"{EnumNames.Of(model)} trials of the other dataset"),
            (_ => true, $"trials (none {Names(dataset, model)}: they measure the machines and their load)"),
        ];
        // Each rate from the most alike runs that measured it: ends are measured on fewer runs than epochs.
        var epochs = scopes.Select(s => (Runs: others.Where(s.Match).ToList(), s.Scope)).FirstOrDefault(s => s.Runs.Sum(r => r.EpochReferenceSeconds) > 0);
        if (epochs.Runs is null)
        {
            return EpochRate.Reference;
        }

        var ends = scopes.Select(s => (Ends: others.Where(s.Match).Select(r => r.EndFactor).OfType<double>().ToList(), s.Scope)).FirstOrDefault(s => s.Ends.Count > 0);
        var factor = epochs.Runs.Sum(r => r.EpochSeconds) / epochs.Runs.Sum(r => r.EpochReferenceSeconds);
        var endFactor = ends.Ends is null ? factor : Median(ends.Ends)!.Value;
        var epochCount = epochs.Runs.Sum(r => r.Epochs);
        var endWords = ends.Ends is null
            ? "ends at the same rate (none measured)"
            : string.Create(CultureInfo.InvariantCulture, $"ends at {endFactor:0.00}× (the median of {ends.Ends.Count} ends of {ends.Scope})");
        return new EpochRate(factor, endFactor, EpochRate.Measured, epochs.Runs.Count, epochCount, string.Create(
            CultureInfo.InvariantCulture,
            $"epochs at {factor:0.00}× the reference (over {epochCount} epochs of the {epochs.Runs.Count} most recent trained {epochs.Scope}), {endWords}."));
    }

    /// <summary>The rate a queued or running trial's remaining work is priced at: a trial of
    /// <paramref name="runningSearch"/> (the search whose time left is asked) at the plan blended with that
    /// search's own runs (<see cref="EpochRate.Blend"/>), any other at its measured rate.</summary>
    public EpochRate For(ActiveTrial trial, long? runningSearch)
    {
        ArgumentNullException.ThrowIfNull(trial);
        if (trial.SearchId != runningSearch)
        {
            return For(trial.Dataset, trial.Model, trial.Cost.SizeClass);
        }

        var (observed, epochs, observedEnd, ends, trials) = Of(trial.SearchId);
        return EpochRate.Blend(For(trial.Dataset, trial.Model, trial.Cost.SizeClass, exceptSearch: trial.SearchId), observed, epochs, observedEnd, ends, trials);
    }

    /// <summary>How <paramref name="searchId"/>'s own runs went: their epoch rate and epochs, their ends' median
    /// rate and how many ended, and how many runs (rates 0 where there is nothing to measure).</summary>
    public (double Factor, int Epochs, double EndFactor, int Ends, int Trials) Of(long searchId)
    {
        var own = Runs.Where(r => r.SearchId == searchId).ToList();
        var reference = own.Sum(r => r.EpochReferenceSeconds);
        var ends = own.Select(r => r.EndFactor).OfType<double>().ToList();
        return (reference > 0 ? own.Sum(r => r.EpochSeconds) / reference : 0, own.Sum(r => r.Epochs), Median(ends) ?? 0, ends.Count, own.Count);
    }

    /// <summary>The middle value (the mean of the two middle ones for an even count); null for none.</summary>
    public static double? Median(IReadOnlyCollection<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static string Names(Dataset dataset, ModelFamily model) => $"{EnumNames.Of(dataset)} {EnumNames.Of(model)}";

    private static string SizeWords(int sizeClass) => string.Create(
        CultureInfo.InvariantCulture,
        $"a forward pass of {(sizeClass == 0 ? "under " : $"{Math.Pow(4, sizeClass):0}–")}{Math.Pow(4, sizeClass + 1):0} µs per image on the reference");
}
