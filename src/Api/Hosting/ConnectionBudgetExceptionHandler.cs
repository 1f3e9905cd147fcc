using System.Globalization;
using GridSearch.Core.Persistence;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace GridSearch.Api.Hosting;

/// <summary>
/// Every connection of the API's pool stayed busy for the whole wait (<see cref="ConnectionBudget.Exceeded"/>,
/// <see cref="DatabasePoolOptions.PoolWaitSeconds"/>): PostgreSQL is fine, the API is busy. Answered 503 with a
/// short Retry-After, as a ProblemDetails that names the setting, so clients back off instead of piling on.
/// Registered before <see cref="DatabaseOutageExceptionHandler"/>, which would otherwise take it for an outage.
/// </summary>
public sealed class ConnectionBudgetExceptionHandler(IProblemDetailsService problems, ILogger<ConnectionBudgetExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (!ConnectionBudget.Exceeded(exception) || httpContext.Response.HasStarted)
        {
            return false;
        }

        logger.LogWarning("No database connection came free in time: {Method} {Path} answered 503", httpContext.Request.Method, httpContext.Request.Path);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = ((int)ConnectionBudget.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The API is busy.",
                Detail = $"Every database connection of the API stayed busy for {DatabasePoolOptions.Section}:{nameof(DatabasePoolOptions.PoolWaitSeconds)}. Try again after the Retry-After delay.",
            },
        });
    }
}
