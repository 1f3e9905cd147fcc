using GridSearch.Core.Trials;

namespace GridSearch.Core.Search;

public sealed record PlannedTrial(int Ordinal, TrialConfig Config, string ConfigJson, string ConfigHash);
