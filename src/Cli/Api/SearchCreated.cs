namespace GridSearch.Cli.Api;

internal sealed record SearchCreated(long Id, string Name, string Status, int TrialCount);
