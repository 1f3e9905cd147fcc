using System.Globalization;

namespace GridSearch.Core.Estimates;

/// <summary>
/// How fast trials train here, as a factor on the reference cost (<see cref="ReferenceCost"/>): 2 means twice
/// the reference's seconds. Measured from recent trials (<see cref="MeasuredRates"/>), which ran under the load
/// there was, or 1 (the calibrated reference) when this installation has trained nothing yet.
/// </summary>
/// <param name="Factor">Seconds here per reference second.</param>
/// <param name="Basis"><see cref="Measured"/> or <see cref="Default"/>.</param>
/// <param name="Trials">How many trials it was measured over (0 for the default).</param>
/// <param name="Epochs">How many of their epochs (0 for the default).</param>
/// <param name="Description">The basis in words, for people.</param>
public sealed record EpochRate(double Factor, string Basis, int Trials, int Epochs, string Description)
{
    public const string Measured = "measured";
    public const string Default = "default";

    /// <summary>How many epochs' worth of evidence the plan counts for when a running search's own epochs
    /// are blended with it (<see cref="Blend"/>): one slow first epoch moves the estimate a quarter of the way.</summary>
    public const int PlanWeightEpochs = 3;

    public static EpochRate Reference { get; } = new(
        1, Default, 0, 0, "no trained trials yet: the calibrated reference cost, one thread of an idle core of the development machine.");

    /// <summary>The seconds here of <paramref name="referenceSeconds"/> on the reference.</summary>
    public double Seconds(double referenceSeconds) => Factor * referenceSeconds;

    /// <summary>
    /// A running search's rate: the plan's (<paramref name="plan"/>, from other searches' trials) counted as
    /// <see cref="PlanWeightEpochs"/> epochs, blended with the factor its own <paramref name="epochs"/> trained
    /// epochs ran at (<paramref name="observed"/>); the plan alone before its first epoch.
    /// </summary>
    public static EpochRate Blend(EpochRate plan, double observed, int epochs, int trials)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (epochs <= 0)
        {
            return plan;
        }

        var factor = ((PlanWeightEpochs * plan.Factor) + (epochs * observed)) / (PlanWeightEpochs + epochs);
        return new EpochRate(factor, Measured, plan.Trials + trials, plan.Epochs + epochs, string.Create(
            CultureInfo.InvariantCulture,
            $"{factor:0.00}× the reference: this search's {epochs} epochs so far ({observed:0.00}×) blended with the plan ({plan.Factor:0.00}×, counted as {PlanWeightEpochs} epochs)."));
    }
}
