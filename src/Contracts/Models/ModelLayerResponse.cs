namespace GridSearch.Contracts.Models;

/// <summary>One layer as the trainer built it; fields a kind does not use are left out.</summary>
public sealed record ModelLayerResponse(int Index, string Kind, int? Inputs, int? Outputs, int? Kernel, int? Padding, string? Activation, double? Value);
