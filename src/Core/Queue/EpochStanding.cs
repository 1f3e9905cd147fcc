namespace GridSearch.Core.Queue;

/// <summary>The other trials' values of a metric at one epoch of their search, and the database's time then.</summary>
public sealed record EpochStanding(IReadOnlyList<double> Others, DateTimeOffset Now);
