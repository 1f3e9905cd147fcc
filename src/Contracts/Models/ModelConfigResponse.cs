using System.Text.Json;
using GridSearch.Contracts.Trials;

namespace GridSearch.Contracts.Models;

/// <summary>
/// What rebuilding a kept model elsewhere takes (<c>format=config</c>): the trial's resolved config and
/// metrics, the layers of its nn.Sequential in order, and the state_dict tensors (names and shapes) the
/// ONNX export's initializers carry.
/// </summary>
public sealed record ModelConfigResponse(
    long TrialId,
    long SearchId,
    JsonElement Config,
    TrialResultResponse? Result,
    IReadOnlyList<int> Input,
    int Classes,
    IReadOnlyList<ModelLayerResponse> Layers,
    IReadOnlyList<ModelTensorResponse> Tensors,
    string Format);
