namespace GridSearch.Domain.Vocabulary;

/// <summary>The validation metric early stopping and the plateau schedule watch.</summary>
public enum MonitoredMetric
{
    ValLoss,
    ValAccuracy,
}
