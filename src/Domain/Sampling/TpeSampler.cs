namespace GridSearch.Domain.Sampling;

/// <summary>
/// The Tree-structured Parzen Estimator of Bergstra et al. (NeurIPS 2011) as Optuna's <c>TPESampler</c> implements
/// it. Below <see cref="TpeOptions.StartupTrials"/> finished observations a point is uniform. Past that, the
/// observations split into the best γ(n) ("below") and the rest ("above"); a Parzen estimator l(x) is built over
/// the below ones and g(x) over the above ones, <see cref="TpeOptions.Candidates"/> candidates are drawn from l, and
/// the one with the largest log l(x) − log g(x) wins. Univariate (<see cref="TpeOptions.Multivariate"/> off), each
/// axis has its own estimators (<see cref="CategoricalDensity"/>, <see cref="RangeDensity"/>) and its own best value
/// (<see cref="CandidateSearch"/> walks on to the next best combinations when the caller's isTaken refuses it);
/// multivariate, one joint estimator (<see cref="JointDensity"/>) draws and scores whole points
/// (<see cref="JointTpeModel"/>), the next best candidate taken when isTaken refuses one.
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
        var listable = taken is not null && encoding.FiniteSize <= EnumerationLimit;
        var fewLeft = listable
            && encoding.FiniteSize - finished.Select(f => f.Point).Concat(running).ToHashSet(PointComparer.Instance).Count <= Options.Candidates;

        // Startup or learned, a point comes from the model's rounds (learned only), else a uniform draw, else the
        // listed space's best untaken point: by the model's score, or at random in the startup.
        double[]? best = null;
        Func<double[], double> rank = _ => random.NextDouble();
        if (!IsStartup(finished.Count, Options))
        {
            var model = Model(encoding, finished, running);
            rank = model.Score;
            for (var round = 0; !fewLeft && best is null && round <= ExtraRounds; round++)
            {
                best = model.BestUntaken(random, taken, budget: 4 * Options.Candidates);
            }
        }

        best ??= fewLeft ? null : RandomUntaken(encoding, taken, random);
        best ??= listable ? Listed(encoding, taken!, rank) : null;
        return best is null ? null : encoding.Decode(best);
    }

    private ITpeModel Model(SpaceEncoding encoding, List<(double[] Point, double Value)> finished, List<double[]> running)
    {
        // The constant liar: a running point weighs as the worst value seen, after the real ones tied with it (it
        // comes after them in the order, which breaks ties).
        var worst = double.NegativeInfinity;
        foreach (var (_, value) in finished)
        {
            worst = double.IsFinite(value) ? Math.Max(worst, value) : worst;
        }

        worst = double.IsNegativeInfinity(worst) ? 0 : worst;
        var n = finished.Count + running.Count;
        var values = new double[n];
        var ranked = new int[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = i < finished.Count ? finished[i].Value : worst;
            ranked[i] = i;
        }

        Array.Sort(ranked, (x, y) => values[x] != values[y] ? values[x].CompareTo(values[y]) : x.CompareTo(y));
        var belowCount = Math.Min(TpeOptions.Gamma(n), finished.Count);
        var isBelow = new bool[n];
        for (var r = 0; r < belowCount; r++)
        {
            isBelow[ranked[r]] = true;
        }

        // Weights follow age within each group, oldest first, as Optuna orders by trial number.
        var below = new List<double[]>(belowCount);
        var above = new List<double[]>(n - belowCount);
        for (var i = 0; i < n; i++)
        {
            (isBelow[i] ? below : above).Add(i < finished.Count ? finished[i].Point : running[i - finished.Count]);
        }

        return Options.Multivariate ? new JointTpeModel(encoding, below, above, Options) : new TpeModel(encoding, below, above, Options);
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
