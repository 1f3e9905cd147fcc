using System.Text.Json;
using GridSearch.Domain.Analysis;
using GridSearch.Domain.Definition;
using GridSearch.Domain.Vocabulary;

namespace GridSearch.Domain.Pruning;

/// <summary>
/// A definition's optional <c>pruner</c>: <c>{"kind": "median|asha", "minEpochs": 1, "reductionFactor": 3,
/// "metric": "valAccuracy"}</c>, and the rule the worker applies at each epoch end, given the trial's own
/// values and the other trials' values of the same search at the same epoch (one indexed query).
/// <list type="bullet">
/// <item><b>median</b>: from <c>minEpochs</c> on, a trial whose best value so far is worse than the median of
/// the other trials' values at this epoch stops.</item>
/// <item><b>asha</b>: rungs at minEpochs × reductionFactor^k epochs; at a rung a trial goes on only if its value
/// there is among the best ⌊n / reductionFactor⌋ (at least 1) of the n trials that reached the rung so far,
/// itself included; asynchronous, so the first trials at a rung always go on (as in Optuna's
/// SuccessiveHalvingPruner).</item>
/// </list>
/// A pruned trial ends succeeded with stop reason <c>pruned</c>, tested on the weights it has.
/// Talos's reducers do the same job between rounds.
/// </summary>
public sealed record Pruner(PrunerKind Kind, int MinEpochs = Pruner.DefaultMinEpochs, int ReductionFactor = Pruner.DefaultReductionFactor, EpochMetric Metric = EpochMetric.ValAccuracy)
{
    public const int DefaultMinEpochs = 1;
    public const int DefaultReductionFactor = 3;
    public const int MaxMinEpochs = 1000;
    public const int MinReductionFactor = 2;
    public const int MaxReductionFactor = 100;

    private const string Fields = "a pruner has kind, minEpochs, reductionFactor (asha) and metric";

    public static Pruner None { get; } = new(PrunerKind.None);

    /// <summary>The pruner a definition names, or <see cref="None"/>; null with the problems in
    /// <paramref name="errors"/> when it is not a valid one.</summary>
    public static Pruner? Read(JsonElement definition, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Count;
        // What the section says, over the defaults; each null after reading was given and refused.
        (PrunerKind? kind, int? minEpochs, int? factor, EpochMetric? metric) = (null, DefaultMinEpochs, null, EpochMetric.ValAccuracy);
        var present = DefinitionSection.Read(definition, "pruner", """{"kind": "asha", "minEpochs": 1, "reductionFactor": 3}""", errors, (path, name, value) =>
        {
            switch (name)
            {
                case "kind":
                    kind = DefinitionSection.Choice<PrunerKind>(value, path, errors);
                    break;
                case "minEpochs":
                    minEpochs = DefinitionSection.WholeNumber(value, path, 1, MaxMinEpochs, errors);
                    break;
                case "reductionFactor":
                    factor = DefinitionSection.WholeNumber(value, path, MinReductionFactor, MaxReductionFactor, errors);
                    break;
                case "metric":
                    metric = EpochMetrics.Read(value, path, errors);
                    break;
                default:
                    DefinitionSection.Unknown(path, Fields, errors);
                    break;
            }
        });
        if (!present)
        {
            return errors.Count == before ? None : null;
        }

        if (errors.Count == before && kind is null)
        {
            errors.Add("pruner.kind", $"is required: one of {string.Join(", ", EnumNames.Choices<PrunerKind>())}.");
        }

        if (errors.Count == before && factor is not null && kind != PrunerKind.Asha)
        {
            errors.Add("pruner.reductionFactor", "belongs to kind asha.");
        }

        return errors.Count == before ? new Pruner(kind!.Value, minEpochs!.Value, factor ?? DefaultReductionFactor, metric!.Value) : null;
    }

    /// <summary>Whether the rule needs the other trials' values at the end of <paramref name="epoch"/> of a
    /// trial that trains <paramref name="lastEpoch"/> epochs: never after its last epoch (nothing is left to save).</summary>
    public bool Applies(int epoch, int lastEpoch) => epoch < lastEpoch && Kind switch
    {
        PrunerKind.Median => epoch >= MinEpochs,
        PrunerKind.Asha => IsRung(epoch),
        _ => false,
    };

    /// <summary>Whether epoch <paramref name="epoch"/> is an ASHA rung: minEpochs × reductionFactor^k.</summary>
    public bool IsRung(int epoch)
    {
        for (long rung = MinEpochs; rung <= epoch; rung *= ReductionFactor)
        {
            if (rung == epoch)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The decision at the end of <paramref name="epoch"/>: <paramref name="current"/> is the trial's value at
    /// this epoch, <paramref name="best"/> its best so far, <paramref name="others"/> the values the search's
    /// other trials had at this same epoch. True: stop the trial now.
    /// </summary>
    public bool ShouldPrune(int epoch, double current, double best, IReadOnlyCollection<double> others)
    {
        ArgumentNullException.ThrowIfNull(others);
        switch (Kind)
        {
            case PrunerKind.Median when epoch >= MinEpochs && others.Count > 0:
                return EpochMetrics.Worse(Metric, best, Statistics.Median(others));
            case PrunerKind.Asha when IsRung(epoch):
                var kept = Math.Max(1, (others.Count + 1) / ReductionFactor);
                var ahead = others.Count(o => EpochMetrics.Worse(Metric, current, o));
                return ahead >= kept;
            default:
                return false;
        }
    }

    public override string ToString() => Kind switch
    {
        PrunerKind.None => "none",
        PrunerKind.Median => $"median from epoch {MinEpochs}",
        _ => $"asha, rungs at {MinEpochs} × {ReductionFactor}^k epochs",
    };
}
