using System.Globalization;
using System.Threading.RateLimiting;
using GridSearch.Api.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace GridSearch.Api.Hosting;

/// <summary>The costly requests, limited per key (or per remote address without one) in fixed windows of
/// <see cref="RequestLimitsOptions.WindowSeconds"/>; the rest get a 429 ProblemDetails with Retry-After.
/// Endpoints name their policy with RequireRateLimiting.</summary>
public static class RequestRateLimits
{
    public const string Submissions = "submissions";
    public const string Plans = "plans";
    public const string Evaluations = "evaluations";
    public const string Predictions = "predictions";

    /// <summary>Each policy with the option that sets its permits (named in the 429's text) and its reading.</summary>
    private static readonly Dictionary<string, (string Option, Func<RequestLimitsOptions, int> Permits)> Policies = new()
    {
        [Submissions] = (nameof(RequestLimitsOptions.SubmissionsPerWindow), limits => limits.SubmissionsPerWindow),
        [Plans] = (nameof(RequestLimitsOptions.PlansPerWindow), limits => limits.PlansPerWindow),
        [Evaluations] = (nameof(RequestLimitsOptions.EvaluationsPerWindow), limits => limits.EvaluationsPerWindow),
        [Predictions] = (nameof(RequestLimitsOptions.PredictionsPerWindow), limits => limits.PredictionsPerWindow),
    };

    public static void AddRequestRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(limiter =>
        {
            foreach (var (policy, (_, permits)) in Policies)
            {
                limiter.AddPolicy(policy, http =>
                {
                    var limits = http.RequestServices.GetRequiredService<IOptions<RequestLimitsOptions>>().Value;
                    var caller = http.User.Caller();
                    var partition = caller.KeyId is { } id
                        ? "key:" + id.ToString(CultureInfo.InvariantCulture)
                        : "ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
                    return RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = permits(limits),
                        Window = TimeSpan.FromSeconds(limits.WindowSeconds),
                        QueueLimit = 0,
                    });
                });
            }

            limiter.OnRejected = RejectAsync;
        });
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var http = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        var policy = http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;
        var option = policy is not null && Policies.TryGetValue(policy, out var limit) ? limit.Option : nameof(RequestLimitsOptions.WindowSeconds);
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = $"Too many {policy ?? "requests"}.",
                Detail = $"Try again in {seconds} s ({RequestLimitsOptions.Section}:{option}).",
            },
        });
    }
}
