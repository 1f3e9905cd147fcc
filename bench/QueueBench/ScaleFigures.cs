namespace GridSearch.QueueBench;

/// <summary>One case of the scale simulation: what the slots did per second and what it cost the database.</summary>
/// <param name="DatabaseCores">CPU seconds the server spent per second of wall time (1.0 = one core busy).</param>
internal sealed record ScaleFigures(
    int Slots,
    TimeSpan TrialLength,
    double TrialsPerSecond,
    double HeartbeatsPerSecond,
    double ClaimMedianMs,
    double ClaimP99Ms,
    double CompleteMedianMs,
    double CompleteP99Ms,
    double DatabaseCores,
    double CommitsPerSecond)
{
    /// <summary>Slots of this trial length that one database core would feed, were the cost linear in them.</summary>
    public double SlotsPerCore => DatabaseCores > 0 ? Slots / DatabaseCores : double.PositiveInfinity;
}
