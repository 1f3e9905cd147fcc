using GridSearch.Domain.Definition;
using GridSearch.Domain.Sampling;

namespace GridSearch.Domain.Planning;

/// <summary>
/// What a TPE strategy plans: <paramref name="Count"/> trials in all, the warm-start <paramref name="Points"/> first
/// (the definition's points, then, once the submission has read the earlier search, <paramref name="StartFrom"/>'s
/// top configurations: <see cref="WithWarmStarts"/>), then <see cref="Suggested"/> trials whose configurations TPE
/// suggests when a worker claims each (<see cref="SuggestionSpace"/>).
/// </summary>
public sealed record TpePlan(int Count, SuggestionSpace Space, StartFrom? StartFrom, IReadOnlyList<PlannedTrial> Points)
{
    /// <summary>How many observations TPE waits for before it models them: before that its suggestions are random.</summary>
    public static int StartupTrials { get; } = new TpeOptions().StartupTrials;

    /// <summary>The trials queued without a configuration, for TPE to suggest at claim.</summary>
    public int Suggested => Math.Max(0, Count - Points.Count);

    /// <summary>This plan with <paramref name="more"/> warm-start trials after its points: those whose config no point
    /// has, as many as the count leaves room for, numbered after them.</summary>
    public TpePlan WithWarmStarts(IEnumerable<PlannedTrial> more)
    {
        ArgumentNullException.ThrowIfNull(more);
        var all = Points.ToList();
        foreach (var trial in more)
        {
            if (all.Count < Count && all.All(p => p.ConfigHash != trial.ConfigHash))
            {
                all.Add(trial with { Ordinal = all.Count });
            }
        }

        return this with { Points = all };
    }

    /// <summary>What TPE will do, in words, for the dry run.</summary>
    public string Describe()
    {
        var startup = Math.Min(StartupTrials, Suggested);
        var words = $"{Count} trial{(Count == 1 ? "" : "s")}: {Points.Count} warm-start point{(Points.Count == 1 ? "" : "s")}, then {startup} startup trial{(startup == 1 ? "" : "s")} drawn at random";
        return Suggested > startup ? words + ", then suggested by TPE from the finished ones" : words;
    }
}
