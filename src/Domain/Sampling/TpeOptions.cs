namespace GridSearch.Domain.Sampling;

/// <summary>
/// The settings of <see cref="TpeSampler"/>. The defaults are Optuna's (<c>optuna.samplers.TPESampler</c>), so a
/// reader who knows Optuna's TPE knows this one; the Optuna name of each is given beside it.
/// </summary>
public sealed record TpeOptions
{
    /// <summary>Optuna's <c>n_startup_trials</c>: below this many finished observations a point is drawn at random
    /// (uniform over choices and ranges, log-uniform over log ranges) instead of from the model.</summary>
    public int StartupTrials { get; init; } = 10;

    /// <summary>Optuna's <c>n_ei_candidates</c>: how many values are drawn from the good observations' density
    /// l(x), per axis, to pick the one with the largest l(x)/g(x).</summary>
    public int Candidates { get; init; } = 24;

    /// <summary>Optuna's <c>prior_weight</c>: the weight of the prior component (uniform over the choices, or a
    /// Gaussian centred on the range, as wide as it) beside each observation's weight.</summary>
    public double PriorWeight { get; init; } = 1.0;

    /// <summary>Optuna's <c>consider_magic_clip</c>: a range's bandwidths are at least its width over
    /// min(100, 1 + kernels), so that a tight cluster of observations does not become a spike.</summary>
    public bool MagicClip { get; init; } = true;

    /// <summary>Optuna's <c>consider_endpoints</c>: whether the outermost observations take their bandwidth from
    /// their distance to the range's ends (off: from their inner neighbour alone).</summary>
    public bool ConsiderEndpoints { get; init; }

    /// <summary>Optuna's <c>multivariate</c>: one Parzen estimator over the whole space (each observation a product
    /// of per-axis kernels, Falkner et al. 2018), its candidates drawn and scored jointly, instead of one per axis;
    /// it keeps values that were good together together, where the axes interact. On by default (Optuna's default
    /// is off) because it did better on the larger trained grid the bench replays: on the 144-configuration
    /// optimizer grid, 50 seeds, trials until the best is found, median / p90 48 / 62 multivariate against 65 / 71
    /// univariate and 76 / 135 at random (<c>dotnet run --project bench/SamplerBench -c Release -- --replay-only</c>).</summary>
    public bool Multivariate { get; init; } = true;

    /// <summary>A range kernel's bandwidth as the magic clip leaves it, beside <paramref name="observations"/>
    /// observations' kernels and the prior's: at least width / min(100, 1 + kernels) (without the clip, 1e-12) and
    /// at most the range's width, the floor winning on a range of one value.</summary>
    internal double ClampBandwidth(double bandwidth, double width, int observations)
    {
        var min = MagicClip ? width / Math.Min(100.0, 1.0 + observations + 1) : 1e-12;
        return Math.Clamp(bandwidth, min, Math.Max(min, width));
    }

    /// <summary>Optuna's <c>gamma</c> (<c>default_gamma</c>): how many of n observations count as good, min(⌈0.1 n⌉, 25).</summary>
    public static int Gamma(int n) => Math.Min((int)Math.Ceiling(0.1 * n), 25);

    /// <summary>Optuna's <c>weights</c> (<c>default_weights</c>): the weights of n observations, oldest first, in one
    /// group (good or bad): 1 each up to 25; past that the newest 25 weigh 1 and the older ones ramp linearly
    /// from 1/n up to 1.</summary>
    public static double[] Weights(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var weights = new double[n];
        Array.Fill(weights, 1.0);
        if (n >= 25)
        {
            var ramp = n - 25;
            for (var i = 0; i < ramp; i++)
            {
                // numpy.linspace(1 / n, 1, ramp): evenly spaced, both ends included.
                weights[i] = ramp == 1 ? 1.0 / n : (1.0 / n) + ((1.0 - (1.0 / n)) * i / (ramp - 1));
            }
        }

        return weights;
    }
}
