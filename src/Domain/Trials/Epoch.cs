namespace GridSearch.Domain.Trials;

/// <summary>One epoch of a trial's training history. Keyed by (trial, number), so a retried
/// trial's epochs replace the earlier attempt's rather than adding to them.</summary>
public sealed class Epoch
{
    public long TrialId { get; set; }
    public int Number { get; set; }
    public double TrainLoss { get; set; }
    public double TrainAccuracy { get; set; }
    public double? ValLoss { get; set; }
    public double? ValAccuracy { get; set; }
    public double LearningRate { get; set; }
    public double Seconds { get; set; }
}
