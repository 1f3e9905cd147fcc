using GridSearch.Domain.Vocabulary;

namespace GridSearch.Training.Plans;

/// <summary>
/// The learning rate of each epoch (epoch e counted from 0 here, lr₀ the initial rate):
/// constant: lr₀; step: lr₀·factor^⌊e/step⌋; exponential: lr₀·factor^e;
/// cosine (as PyTorch's CosineAnnealingLR with T_max = epochs): min + (lr₀ − min)·(1 + cos(πe/epochs))/2;
/// plateau: multiplied by factor, not below min, after <c>step</c> epochs without improvement of the
/// monitored metric (judged as early stopping judges it).
/// </summary>
public sealed class LearningRateSchedule
{
    private readonly LearningRateScheduleKind kind;
    private readonly double initial;
    private readonly double factor;
    private readonly int step;
    private readonly double minimum;
    private readonly int epochs;
    private readonly MetricTracker plateau;

    public LearningRateSchedule(
        LearningRateScheduleKind kind,
        double initial,
        double factor,
        int step,
        double minimum,
        int epochs,
        MonitoredMetric monitor,
        double minDelta)
    {
        this.kind = kind;
        this.initial = initial;
        this.factor = factor;
        this.step = Math.Max(1, step);
        this.minimum = minimum;
        this.epochs = Math.Max(1, epochs);
        plateau = new MetricTracker(monitor, minDelta);
        Current = initial;
    }

    /// <summary>The rate of the next epoch to train.</summary>
    public double Current { get; private set; }

    /// <summary>The plateau schedule's watch of the monitored metric; with <see cref="Current"/>, all that a
    /// resumed trial needs back (<see cref="Restore"/>).</summary>
    public MetricTrackerState Plateau => plateau.State;

    public void Restore(double current, MetricTrackerState plateau)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(current);
        Current = current;
        this.plateau.Restore(plateau);
    }

    /// <summary>Moves on after <paramref name="completedEpochs"/> epochs, the last of which gave
    /// <paramref name="monitored"/>.</summary>
    public void EndEpoch(int completedEpochs, double monitored)
    {
        var e = completedEpochs;
        switch (kind)
        {
            case LearningRateScheduleKind.Constant:
                break;
            case LearningRateScheduleKind.Step:
                Current = initial * Math.Pow(factor, e / step);
                break;
            case LearningRateScheduleKind.Exponential:
                Current = initial * Math.Pow(factor, e);
                break;
            case LearningRateScheduleKind.Cosine:
                Current = minimum + ((initial - minimum) * (1 + Math.Cos(Math.PI * e / epochs)) / 2);
                break;
            case LearningRateScheduleKind.Plateau:
                plateau.Observe(monitored);
                if (plateau.EpochsWithoutImprovement >= step)
                {
                    Current = Math.Max(Current * factor, minimum);
                    plateau.ResetWait();
                }

                break;
            default:
                throw new InvalidOperationException($"Unknown schedule {kind}.");
        }
    }
}
