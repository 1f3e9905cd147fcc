namespace GridSearch.Api.Tests.Metrics;

/// <summary>OpenTelemetry's meter listeners are process-wide: with other API hosts starting and stopping
/// beside it, a host's /metrics sometimes showed none of its meters. One API per process is how it runs;
/// these tests run alone.</summary>
[CollectionDefinition(nameof(MetricsCollection), DisableParallelization = true)]
public sealed class MetricsCollection;
