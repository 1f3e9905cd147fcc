namespace GridSearch.Cli.Api;

/// <summary>A submitted search; <see cref="Cached"/> of its trials the result cache answered at once.</summary>
internal sealed record SearchCreated(long Id, string Name, string Status, int TrialCount, int Cached = 0);
