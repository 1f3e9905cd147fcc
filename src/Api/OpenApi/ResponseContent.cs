namespace GridSearch.Api.OpenApi;

/// <summary>Endpoint metadata: one more media type a response comes in, beside the JSON that the handler's
/// result type describes (an ONNX file, a CSV). ApiExplorer keeps one body type per status, so
/// <see cref="ProblemResponsesFilter"/> adds these. A <see cref="Type"/> of byte[] is raw bytes.</summary>
public sealed record ResponseContent(int StatusCode, string ContentType, Type Type);
