namespace GridSearch.Contracts.Models;

/// <summary>A state_dict tensor: its key and shape.</summary>
public sealed record ModelTensorResponse(string Name, IReadOnlyList<int> Shape);
