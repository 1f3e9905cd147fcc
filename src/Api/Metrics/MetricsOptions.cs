namespace GridSearch.Api.Metrics;

/// <summary>Bound from GridSearch:Metrics.</summary>
public sealed class MetricsOptions
{
    public const string Section = "GridSearch:Metrics";

    /// <summary>How often the queue's figures are read from the database (scrapes in between see the last read).</summary>
    public double RefreshSeconds { get; set; } = 5;
}
