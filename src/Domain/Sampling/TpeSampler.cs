namespace GridSearch.Domain.Sampling;

/// <summary>
/// The Tree-structured Parzen Estimator of Bergstra et al. (NeurIPS 2011), univariate, as Optuna's
/// <c>TPESampler</c> implements it. Below <see cref="TpeOptions.StartupTrials"/> finished observations a point is
/// uniform. Past that, the observations split into the best γ(n) ("below") and the rest ("above"); per axis a
/// Parzen estimator l(x) is built over the below ones and g(x) over the above ones (<see cref="CategoricalDensity"/>,
/// <see cref="RangeDensity"/>), <see cref="TpeOptions.Candidates"/> values are drawn from l, and the one with the
/// largest log l(x) − log g(x) wins, each axis on its own (<see cref="CandidateSearch"/> walks on to the next best
/// combinations when the caller's isTaken refuses it).
/// <para>Pending points (trials running, no value yet) follow Optuna's <c>constant_liar</c>: each counts as an
/// observation with the worst value seen, so it lands among the above ones and g(x) rises around it, steering
/// the next suggestion, for another worker, away from a point already being tried. They count in n (hence
/// γ(n)) but never in the startup count, which is of finished observations: a burst of workers starting
/// together would otherwise leave the startup after a handful of results.</para>
/// </summary>
public sealed class TpeSampler(TpeOptions? options = null)
{
    /// <summary>Fresh rounds of candidates drawn after a round whose best combinations were all taken.</summary>
    private const int ExtraRounds = 3;

    /// <summary>Uniform draws tried for an untaken point before a finite space's points are listed.</summary>
    private const int RandomTries = 64;

    /// <summary>The largest finite space whose points are listed when the draws keep finding taken ones.</summary>
    private const long EnumerationLimit = 1_000_000;

    public TpeOptions Options { get; } = options ?? new TpeOptions();

    /// <summary>Whether a point is drawn at random ("startup") rather than from the model ("learned") with this
    /// many finished observations.</summary>
    public static bool IsStartup(int observed, TpeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return observed < options.StartupTrials;
    }

    /// <summary>
    /// The next point to try: one value per axis in the space's order (a choice, an int for a whole-number range,
    /// a double for a range), or null when every point this finds is refused by <paramref name="isTaken"/> (a
    /// finite space exhausted). Observations and pending points that are not points of the space are left out.
    /// </summary>
    public IReadOnlyList<object>? Suggest(
        SamplingSpace space,
        IReadOnlyList<Observation> observed,
        IReadOnlyList<IReadOnlyList<object>> pending,
        Func<IReadOnlyList<object>, bool>? isTaken,
        Random random)
    {
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentNullException.ThrowIfNull(pending);
        ArgumentNullException.ThrowIfNull(random);
        var encoding = new SpaceEncoding(space);
        var finished = new List<(double[] Point, double Value)>(observed.Count);
        foreach (var observation in observed)
        {
            if (observation is not null && encoding.Encode(observation.Point) is { } point)
            {
                finished.Add((point, double.IsNaN(observation.Value) ? double.PositiveInfinity : observation.Value));
            }
        }

        var running = new List<double[]>(pending.Count);
        foreach (var point in pending)
        {
            if (encoding.Encode(point) is { } encoded)
            {
                running.Add(encoded);
            }
        }

        Func<double[], bool>? taken = isTaken is null ? null : p => isTaken(encoding.Decode(p));
        var fewLeft = isTaken is not null && encoding.FiniteSize is { } size && size <= EnumerationLimit
            && size - finished.Select(f => f.Point).Concat(running).ToHashSet(PointComparer.Instance).Count <= Options.Candidates;

        if (IsStartup(finished.Count, Options))
        {
            var point = fewLeft ? null : RandomUntaken(encoding, taken, random);
            point ??= encoding.FiniteSize <= EnumerationLimit && taken is not null ? Listed(encoding, taken, p => random.NextDouble()) : null;
            return point is null ? null : encoding.Decode(point);
        }

        var model = Model(encoding, finished, running);
        double[]? best = null;
        for (var round = 0; !fewLeft && best is null && round <= ExtraRounds; round++)
        {
            best = CandidateSearch.BestUntaken(model.Candidates(random), taken, budget: 4 * Options.Candidates);
        }

        best ??= fewLeft ? null : RandomUntaken(encoding, taken, random);
        best ??= encoding.FiniteSize <= EnumerationLimit && taken is not null ? Listed(encoding, taken, model.Score) : null;
        return best is null ? null : encoding.Decode(best);
    }

    private TpeModel Model(SpaceEncoding encoding, List<(double[] Point, double Value)> finished, List<double[]> running)
    {
        // The constant liar: a running point weighs as the worst value seen, after the real ones tied with it.
        var worst = finished.Select(f => f.Value).Where(double.IsFinite).DefaultIfEmpty(0).Max();
        var entries = new List<(double[] Point, double Value, bool Liar, int Order)>(finished.Count + running.Count);
        entries.AddRange(finished.Select((f, i) => (f.Point, f.Value, false, i)));
        entries.AddRange(running.Select((p, i) => (p, worst, true, finished.Count + i)));
        var n = entries.Count;
        var belowCount = Math.Min(TpeOptions.Gamma(n), finished.Count);
        var ranked = entries.OrderBy(e => e.Value).ThenBy(e => e.Liar).ThenBy(e => e.Order).ToList();
        // Weights follow age within each group, oldest first, as Optuna orders by trial number.
        var below = ranked.Take(belowCount).OrderBy(e => e.Order).Select(e => e.Point).ToList();
        var above = ranked.Skip(belowCount).OrderBy(e => e.Order).Select(e => e.Point).ToList();
        return new TpeModel(encoding, below, above, Options);
    }

    private static double[]? RandomUntaken(SpaceEncoding encoding, Func<double[], bool>? taken, Random random)
    {
        for (var i = 0; i < RandomTries; i++)
        {
            var point = encoding.Uniform(random);
            if (taken is null || !taken(point))
            {
                return point;
            }
        }

        return null;
    }

    /// <summary>The untaken point of a finite space with the highest rank, found by listing them all.</summary>
    private static double[]? Listed(SpaceEncoding encoding, Func<double[], bool> taken, Func<double[], double> rank)
    {
        double[]? best = null;
        var bestRank = double.NegativeInfinity;
        foreach (var point in encoding.Enumerate())
        {
            if (taken(point))
            {
                continue;
            }

            var r = rank(point);
            if (best is null || r > bestRank)
            {
                (best, bestRank) = (point, r);
            }
        }

        return best;
    }
}
