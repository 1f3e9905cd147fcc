using GridSearch.Domain.Architectures;
using GridSearch.Domain.Trials;

namespace GridSearch.Domain.Planning;

/// <summary>One trial of a plan: its resolved config, and its grid point (the varying axes' values as
/// the user wrote them, e.g. {"depth":3,"width":256}) as JSON. <paramref name="Repeat"/> is which of its
/// configuration's repeats it is (0-based; its config's seed is the search's seed + it), see <see cref="SearchPlan.Repeats"/>.</summary>
public sealed record PlannedTrial(int Ordinal, TrialConfig Config, string ConfigJson, string ConfigHash, string GridPointJson, int Repeat = 0)
{
    /// <summary>The strategy that chose it (<see cref="Trials.ChosenBy"/>).</summary>
    public string ChosenBy { get; init; } = Trials.ChosenBy.Grid;

    /// <summary>Its network's parameter count (0 when the config builds none).</summary>
    public long Parameters { get; } = ArchitectureBuilder.ForDataset(Config)?.ParameterCount ?? 0;

    /// <summary>The work of training it, in parameter-images: parameters × images per epoch × epochs.
    /// An epoch's time grows with both (<see cref="Estimates.EpochRate"/>).</summary>
    public double Work => (double)Parameters * DatasetImages.SamplesPerEpoch(Config.TrainSize, Config.ValSplit) * Config.Epochs;
}
