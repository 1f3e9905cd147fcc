using System.Globalization;
using GridSearch.Core.Persistence;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace GridSearch.Api.Hosting;

/// <summary>
/// PostgreSQL is down or restarting (<see cref="DatabaseOutage.Caused"/>; EF Core has already retried):
/// the request is fine and will work later, so it is answered 503 with Retry-After, as a ProblemDetails,
/// rather than the 500 an unhandled exception gets. Nothing to reset when it returns: the next request
/// opens a fresh connection.
/// </summary>
public sealed class DatabaseOutageExceptionHandler(IProblemDetailsService problems, ILogger<DatabaseOutageExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (!DatabaseOutage.Caused(exception) || httpContext.Response.HasStarted)
        {
            return false;
        }

        logger.LogWarning("The database is unavailable: {Method} {Path} answered 503 ({Error})", httpContext.Request.Method, httpContext.Request.Path, exception.GetBaseException().Message);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = ((int)DatabaseOutage.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The database is unavailable.",
                Detail = "PostgreSQL did not answer. Try again after the Retry-After delay.",
            },
        });
    }
}
