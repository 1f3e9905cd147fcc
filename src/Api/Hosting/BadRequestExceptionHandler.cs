using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace GridSearch.Api.Hosting;

/// <summary>
/// A request the framework could not bind (page=abc, top=99999999999, a repeated parameter) is the
/// client's error: answered with its own status (400, 413) as a ProblemDetails naming the parameter,
/// rather than the 500 an unhandled exception gets. Minimal APIs throw these in every environment
/// (RouteHandlerOptions.ThrowOnBadRequest is set), so they all come here.
/// </summary>
public sealed partial class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is not BadHttpRequestException bad || httpContext.Response.HasStarted)
        {
            return false;
        }

        // The framework's message reads 'Failed to bind parameter "int? page" from "abc".' and the like.
        var match = BoundParameter().Match(bad.Message);
        var field = match.Success ? match.Groups["name"].Value : "request";
        var message = match.Success ? $"is not a valid {match.Groups["type"].Value.TrimEnd('?')}." : "is malformed.";
        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = bad.StatusCode == StatusCodes.Status400BadRequest
                ? new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = "The request has a malformed value.",
                }
                : new ProblemDetails { Status = bad.StatusCode, Title = "The request is malformed." },
        });
    }

    [GeneratedRegex("""parameter "(?<type>[^" ]+) (?<name>[A-Za-z_][A-Za-z0-9_]*)"|parameter "(?<name>[A-Za-z_][A-Za-z0-9_-]*)"(?<type>)""")]
    private static partial Regex BoundParameter();
}
