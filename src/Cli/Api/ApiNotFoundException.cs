using System.Net;

namespace GridSearch.Cli.Api;

/// <summary>A 404 for a named thing, e.g. "search 42".</summary>
internal sealed class ApiNotFoundException(string what) : ApiException($"{what} not found", HttpStatusCode.NotFound)
{
    public string What { get; } = what;
}
