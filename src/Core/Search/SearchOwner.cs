namespace GridSearch.Core.Search;

/// <summary>A search and the API key that submitted it (null: submitted without one), all that
/// <see cref="Access.AccessRules.MayChangeSearch"/> needs to know of it.</summary>
public sealed record SearchOwner(long SearchId, long? SubmittedByKeyId);
