using System.Text.Json;

namespace GridSearch.Domain.Definition;

/// <summary>
/// A definition's optional <c>limits</c> (not the service's <see cref="SearchLimits"/>, which bound every
/// search): <c>{"maxTrials": 40, "timeLimitMinutes": 90, "target": {"metric": "valAccuracy", "value": 0.99}}</c>,
/// each optional. When one is hit the search stops (<see cref="SearchStopReason"/>): its queued trials end
/// cancelled, and for the time limit and the target its running ones stop at their next epoch boundary.
/// <list type="bullet">
/// <item><c>maxTrials</c>: at most this many of its trials are ever started (a trial counts once claimed,
/// whatever its outcome); the claim that starts the last one stops the search, and the running trials finish.</item>
/// <item><c>timeLimitMinutes</c>: wall time from the search's first claim; checked at every claim and epoch end.</item>
/// <item><c>target</c>: a validation metric and a value; the first epoch that reaches it stops the search.</item>
/// </list>
/// Talos's round_limit, time_limit and performance_target.
/// </summary>
public sealed record SearchStopLimits(int? MaxTrials = null, double? TimeLimitMinutes = null, StopTarget? Target = null)
{
    /// <summary>A year: a longer limit is no limit.</summary>
    public const double MaxTimeLimitMinutes = 525_600;

    private const string Fields = "limits has maxTrials, timeLimitMinutes and target";

    public static SearchStopLimits None { get; } = new();

    public bool IsNone => MaxTrials is null && TimeLimitMinutes is null && Target is null;

    /// <summary>Whether a claim must check the limits before the trial starts.</summary>
    public bool CheckedAtClaim => MaxTrials is not null || TimeLimitMinutes is not null;

    public TimeSpan? TimeLimit => TimeLimitMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : null;

    /// <summary>The limits a definition names (<see cref="None"/> without any); null with the problems in
    /// <paramref name="errors"/> when they are not valid.</summary>
    public static SearchStopLimits? Read(JsonElement definition, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Count;
        int? maxTrials = null;
        double? minutes = null;
        StopTarget? target = null;
        DefinitionSection.Read(definition, "limits", """{"maxTrials": 40, "timeLimitMinutes": 90}""", errors, (path, name, value) =>
        {
            switch (name)
            {
                case "maxTrials":
                    maxTrials = DefinitionSection.WholeNumber(value, path, 1, int.MaxValue, errors);
                    break;
                case "timeLimitMinutes":
                    minutes = DefinitionSection.PositiveNumber(value, path, MaxTimeLimitMinutes, errors);
                    break;
                case "target":
                    target = ReadTarget(value, path, errors);
                    break;
                default:
                    DefinitionSection.Unknown(path, Fields, errors);
                    break;
            }
        });
        return errors.Count == before ? new SearchStopLimits(maxTrials, minutes, target) : null;
    }

    private static StopTarget? ReadTarget(JsonElement element, string path, ValidationErrors errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(path, """must be an object such as {"metric": "valAccuracy", "value": 0.99}.""");
            return null;
        }

        EpochMetric? metric = null;
        double? value = null;
        JsonElement? rawValue = null;
        foreach (var property in element.EnumerateObject())
        {
            switch (property.Name)
            {
                case "metric":
                    metric = EpochMetrics.Read(property.Value, $"{path}.metric", errors);
                    break;
                case "value" when property.Value.ValueKind == JsonValueKind.Number:
                    value = property.Value.GetDouble();
                    rawValue = property.Value;
                    break;
                case "value":
                    errors.Add($"{path}.value", $"must be a number, got {property.Value.GetRawText()}.");
                    break;
                default:
                    DefinitionSection.Unknown($"{path}.{property.Name}", "a target has metric and value", errors);
                    break;
            }
        }

        if (metric is null || value is null)
        {
            if (!errors.Has($"{path}.metric") && !errors.Has($"{path}.value"))
            {
                errors.Add(path, "needs both metric and value.");
            }

            return null;
        }

        // An accuracy is a share; a loss is not negative.
        var fits = metric == EpochMetric.ValAccuracy ? value is > 0 and <= 1 : value >= 0;
        if (!fits)
        {
            errors.Add($"{path}.value", metric == EpochMetric.ValAccuracy
                ? $"must be > 0 and <= 1 for an accuracy, got {rawValue!.Value.GetRawText()}."
                : $"must be >= 0 for a loss, got {rawValue!.Value.GetRawText()}.");
            return null;
        }

        return new StopTarget(metric.Value, value.Value);
    }
}
