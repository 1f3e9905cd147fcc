namespace GridSearch.Core.Queue;

/// <summary>Placeholder: the PostgreSQL-backed trial queue.</summary>
public sealed class TrialQueue;
