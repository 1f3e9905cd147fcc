using System.Text.Json.Nodes;
using GridSearch.Domain.Analysis;

namespace GridSearch.Core.Analysis;

/// <summary>A grid point and its finished repeats, as the analysis groups a search's trials.</summary>
internal sealed record AnalysedConfiguration(JsonObject Point, IReadOnlyList<AnalysedTrial> Trials)
{
    public IReadOnlyList<double> Values { get; } = [.. Trials.Select(t => t.Metric)];

    public double Mean => Statistics.Mean(Values);
}
