namespace GridSearch.Domain.Vocabulary;

/// <summary>Marks an enum member a trial config can hold but a search definition may not name
/// (the bridge's "no activation", the shape of an explicit architecture).</summary>
[AttributeUsage(AttributeTargets.Field)]
public sealed class NotAChoiceAttribute : Attribute;
