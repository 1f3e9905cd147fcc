using System.Net;

namespace GridSearch.Cli.Api;

/// <summary>The API answered, but with an error: its status and, when it sent one, its problem details.</summary>
internal class ApiException(string message, HttpStatusCode? statusCode = null, ProblemDetails? problem = null) : Exception(message)
{
    public HttpStatusCode? StatusCode { get; } = statusCode;
    public ProblemDetails? Problem { get; } = problem;
}
