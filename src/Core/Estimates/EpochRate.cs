using System.Globalization;
using GridSearch.Domain.Vocabulary;

namespace GridSearch.Core.Estimates;

/// <summary>
/// How fast trials train here, as factors on the reference cost (<see cref="ReferenceCost"/>): 2 means twice the
/// reference's seconds. <paramref name="Factor"/> prices epochs, <paramref name="EndFactor"/> a trial's end (its
/// test pass, set-up and writes). Measured from recent trials (<see cref="MeasuredRates"/>), which ran under the
/// load there was, or 1 (the calibrated reference) when this installation has trained nothing yet.
/// </summary>
/// <param name="Basis"><see cref="Measured"/> or <see cref="Default"/>.</param>
/// <param name="Trials">How many trials it was measured over (0 for the default).</param>
/// <param name="Epochs">How many of their epochs (0 for the default).</param>
/// <param name="Description">The basis in words, for people.</param>
public sealed record EpochRate(double Factor, double EndFactor, string Basis, int Trials, int Epochs, string Description)
{
    public const string Measured = "measured";
    public const string Default = "default";

    /// <summary>How much evidence the plan counts for when a running search's own trials are blended with it
    /// (<see cref="Blend"/>): as many epochs for the epoch rate, as many ended trials for the end rate. One slow
    /// first epoch moves the estimate a quarter of the way.</summary>
    public const int PlanWeight = 3;

    public static EpochRate Reference { get; } = new(
        1, 1, Default, 0, 0, "no trained trials yet: the calibrated reference cost, one thread of an idle core of the development machine.");

    /// <summary>The seconds here of <paramref name="epochs"/> epochs of <paramref name="cost"/>, then its end.</summary>
    public double Seconds(TrialCost cost, int epochs)
    {
        ArgumentNullException.ThrowIfNull(cost);
        return (Factor * Math.Max(0, epochs) * cost.EpochSeconds) + (EndFactor * cost.EndSeconds);
    }

    /// <summary>
    /// A running search's rate: the plan's (<paramref name="plan"/>, from other searches' trials) counted as
    /// <see cref="PlanWeight"/> epochs, blended with the factor its own <paramref name="epochs"/> trained
    /// epochs ran at (<paramref name="observed"/>); and likewise for ends, the plan counted as
    /// <see cref="PlanWeight"/> ends against its own <paramref name="ends"/> (<paramref name="observedEnd"/>).
    /// The plan alone before its first epoch.
    /// </summary>
    public static EpochRate Blend(EpochRate plan, double observed, int epochs, double observedEnd, int ends, int trials)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (epochs <= 0 && ends <= 0)
        {
            return plan;
        }

        var factor = Weighted(plan.Factor, observed, epochs);
        var endFactor = Weighted(plan.EndFactor, observedEnd, ends);
        return new EpochRate(factor, endFactor, Measured, plan.Trials + trials, plan.Epochs + epochs, string.Create(
            CultureInfo.InvariantCulture,
            $"epochs at {factor:0.00}×, ends at {endFactor:0.00}× the reference: this search's {epochs} epochs and {ends} ended trials so far blended with the plan ({plan.Factor:0.00}× and {plan.EndFactor:0.00}×, counted as {PlanWeight} of each)."));
    }

    private static double Weighted(double plan, double observed, int count) =>
        count <= 0 ? plan : ((PlanWeight * plan) + (count * observed)) / (PlanWeight + count);
}
