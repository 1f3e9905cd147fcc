using GridSearch.Domain.Trials;

namespace GridSearch.Domain.Vocabulary;

/// <summary>
/// When an axis means something to a trial: in words (<see cref="Text"/>, as GET /api/axes and docs/search-definition.md's
/// table show it) and as a test of the trial's resolved config. Where it does not hold, the trial takes the
/// axis's default, so grid points that differ only in it (batch norm's position with batch norm off) are one
/// network with one hash, trained once.
/// </summary>
public sealed record AxisCondition(string Text, Func<TrialConfig, bool> Holds)
{
    public static readonly AxisCondition BatchNormOn = new($"{Key(nameof(TrialConfig.BatchNorm))} is true", config => config.BatchNorm);

    public static readonly AxisCondition EarlyStopping = new($"{Key(nameof(TrialConfig.Patience))} > 0", config => config.Patience > 0);

    public static readonly AxisCondition EarlyStoppingOrPlateau = new(
        $"{EarlyStopping.Text}, or {Key(nameof(TrialConfig.LrSchedule))} is {EnumNames.Of(LearningRateScheduleKind.Plateau)}",
        config => EarlyStopping.Holds(config) || config.LrSchedule == LearningRateScheduleKind.Plateau);

    /// <summary>2×2 pooling first meets an odd side (7) in the third block: 28 → 14 → 7.</summary>
    public static readonly AxisCondition OddSideToPool = new($"{Key(nameof(TrialConfig.ConvLayers))} >= 3", config => config.ConvLayers >= 3);

    /// <summary>The axis is read by these schedules only.</summary>
    public static AxisCondition Schedules(params LearningRateScheduleKind[] kinds)
    {
        var names = kinds.Select(kind => EnumNames.Of(kind)).ToArray();
        var text = names.Length == 1 ? names[0] : $"{string.Join(", ", names[..^1])} or {names[^1]}";
        return new($"{Key(nameof(TrialConfig.LrSchedule))} is {text}", config => kinds.Contains(config.LrSchedule));
    }

    /// <summary>The axis (and config key) a condition reads, as the config's JSON names the property.</summary>
    private static string Key(string property) => VocabularyJson.Options.PropertyNamingPolicy!.ConvertName(property);
}
