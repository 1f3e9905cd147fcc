using System.Globalization;
using System.Threading.RateLimiting;
using GridSearch.Api.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace GridSearch.Api.Hosting;

/// <summary>Submissions per key (or per remote address without one) in fixed windows; the rest get a
/// 429 ProblemDetails with Retry-After. Each submission can queue thousands of trials, so it is the
/// endpoint worth limiting.</summary>
public static class SubmissionRateLimit
{
    public const string Policy = "submissions";

    public static void AddSubmissionRateLimit(this IServiceCollection services)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(Policy, http =>
            {
                var limits = http.RequestServices.GetRequiredService<IOptions<RequestLimitsOptions>>().Value;
                var caller = http.User.Caller();
                var partition = caller.KeyId is { } id
                    ? "key:" + id.ToString(CultureInfo.InvariantCulture)
                    : "ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
                return RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.SubmissionsPerWindow,
                    Window = TimeSpan.FromSeconds(limits.SubmissionWindowSeconds),
                    QueueLimit = 0,
                });
            });
            limiter.OnRejected = RejectAsync;
        });
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var http = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many submissions.",
                Detail = $"Try again in {seconds} s (GridSearch:Limits:SubmissionsPerWindow).",
            },
        });
    }
}
