namespace GridSearch.Cli.Api;

/// <summary>The RFC 9457 body the API sends with a 4xx/5xx; <see cref="Errors"/> maps a field to its messages.</summary>
internal sealed record ProblemDetails(string? Title, string? Detail, IReadOnlyDictionary<string, string[]>? Errors);
