using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace GridSearch.Api.OpenApi;

/// <summary>
/// What an endpoint answers besides its handler's typed results, read from its metadata: 401 on every
/// endpoint that is not anonymous (reads need a key once any key exists), 403 where it names an operation
/// of its own (RequireAccess: a key's scope may not allow it), 429 where it is rate limited, and the extra
/// media types of <see cref="ResponseContent"/>. Every error answer is ProblemDetails: those a handler
/// leaves empty (404) get their body from the status-code pages.
/// </summary>
public sealed class ProblemResponsesFilter : IOperationFilter
{
    private const string ProblemMediaType = "application/problem+json";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        operation.Responses ??= [];
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        if (!metadata.OfType<IAllowAnonymous>().Any())
        {
            Add(operation, StatusCodes.Status401Unauthorized, "No API key, or an unknown or revoked one, while the service has keys.");
            if (metadata.OfType<IAuthorizeData>().Any(data => data.Policy is not null))
            {
                Add(operation, StatusCodes.Status403Forbidden, "The API key's scope does not allow this.");
            }
        }

        if (metadata.OfType<EnableRateLimitingAttribute>().Any())
        {
            Add(operation, StatusCodes.Status429TooManyRequests, "Too many requests: try again after Retry-After seconds.");
        }

        foreach (var extra in metadata.OfType<ResponseContent>())
        {
            var response = Response(operation, extra.StatusCode, ReasonPhrases.GetReasonPhrase(extra.StatusCode));
            response.Content ??= new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal);
            response.Content[extra.ContentType] = new OpenApiMediaType
            {
                Schema = extra.Type == typeof(byte[])
                    ? new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" }
                    : context.SchemaGenerator.GenerateSchema(extra.Type, context.SchemaRepository),
            };
        }

        var problem = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository);
        foreach (var (status, response) in operation.Responses)
        {
            if (int.TryParse(status, CultureInfo.InvariantCulture, out var code) && code >= 400 && response is OpenApiResponse { Content: null or { Count: 0 } } empty)
            {
                empty.Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal) { [ProblemMediaType] = new() { Schema = problem } };
            }
        }
    }

    private static void Add(OpenApiOperation operation, int status, string description) =>
        Response(operation, status, description);

    private static OpenApiResponse Response(OpenApiOperation operation, int status, string description)
    {
        var key = status.ToString(CultureInfo.InvariantCulture);
        if (!operation.Responses!.TryGetValue(key, out var existing) || existing is not OpenApiResponse response)
        {
            response = new OpenApiResponse { Description = description };
            operation.Responses[key] = response;
        }

        return response;
    }
}
