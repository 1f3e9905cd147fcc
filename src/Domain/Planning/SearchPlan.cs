using GridSearch.Domain.Definition;
using GridSearch.Domain.Vocabulary;

namespace GridSearch.Domain.Planning;

/// <summary>A validated search definition and the trials its grid expands to, in order.
/// <paramref name="Axes"/> are the axes it varies, in grid order.</summary>
public sealed record SearchPlan(string Name, Dataset Dataset, ModelFamily Model, long Seed, string DefinitionJson, IReadOnlyList<string> Axes, IReadOnlyList<PlannedTrial> Trials)
{
    /// <summary>Whether trials whose config already has a reusable result take it instead of training
    /// (the definition's <c>reuse</c>, true unless it says false).</summary>
    public bool Reuse { get; init; } = true;

    /// <summary>Whether a pruner judges each trial against the others (the definition's <c>pruner</c>).</summary>
    public bool Pruned { get; init; }

    /// <summary>Whether limits decide which trials run at all (the definition's <c>limits</c>).</summary>
    public bool Limited { get; init; }

    /// <summary>Grid points left out because another point resolves to the same network: an axis that does not
    /// apply to them (<see cref="Vocabulary.Axis.AppliesWhen"/>), or shapes at depth 1.</summary>
    public int Collapsed { get; init; }

    /// <summary>How many times each configuration is trained (the definition's <c>repeats</c>, 1 unless it says
    /// more): repeat r trains with the search's seed + r, so <see cref="Trials"/> holds configurations × this.</summary>
    public int Repeats { get; init; } = 1;

    /// <summary>A TPE strategy's plan (its <see cref="Trials"/> are then its warm-start points only; the rest are
    /// suggested at claim); null for a grid or random one.</summary>
    public TpePlan? Tpe { get; init; }

    /// <summary>How many trials the search makes: <see cref="Trials"/>, and with TPE the trials suggested at claim too.</summary>
    public int TrialCount => Tpe?.Count ?? Trials.Count;

    /// <summary>The plan with its TPE part's warm starts completed (<see cref="TpePlan.WithWarmStarts"/>).</summary>
    public SearchPlan WithWarmStarts(IEnumerable<PlannedTrial> startFrom)
    {
        var tpe = Tpe?.WithWarmStarts(startFrom) ?? throw new InvalidOperationException("Only a TPE plan has warm starts.");
        return this with { Trials = tpe.Points, Tpe = tpe };
    }

    /// <summary>
    /// The order the trials are queued in, which is the order workers claim them:
    /// <list type="bullet">
    /// <item>with TPE, its warm-start points in their order: tried first, before any suggestion;</item>
    /// <item>with a pruner, shuffled by the search's seed (the same definition, the same order): asynchronous
    /// pruners let the first trials at each rung go on, judged against few others, so a grid whose first points
    /// are its weakest (widths in ascending order) would defeat them; ASHA and the median rule assume trials
    /// arrive in random order;</item>
    /// <item>with limits and no pruner, grid order: the first points of the grid are the ones that run;</item>
    /// <item>otherwise, with <paramref name="longestFirst"/>, the most work first (longest-processing-time
    /// first): the last trials to start are short ones, so no slot idles long at the end while another
    /// finishes a big one; the results are the same in any order, only the wall time is not.</item>
    /// </list>
    /// </summary>
    public IEnumerable<PlannedTrial> QueueOrder(bool longestFirst = true)
    {
        if (Tpe is not null)
        {
            return Trials;
        }

        if (Pruned)
        {
            var shuffled = Trials.ToArray();
            SearchStrategy.Generator(Seed).Shuffle(shuffled);
            return shuffled;
        }

        return Limited || !longestFirst ? Trials : Trials.OrderByDescending(t => t.Work).ThenBy(t => t.Ordinal);
    }
}
