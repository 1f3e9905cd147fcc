using GridSearch.Core.Trials;

namespace GridSearch.Core.Search;

/// <summary>One trial of a plan: its resolved config, and its grid point (the varying axes' values as
/// the user wrote them, e.g. {"depth":3,"width":256}) as JSON.</summary>
public sealed record PlannedTrial(int Ordinal, TrialConfig Config, string ConfigJson, string ConfigHash, string GridPointJson);
