using System.Text.Json;
using GridSearch.Domain.Definition;
using Microsoft.Extensions.Options;

namespace GridSearch.Api.Hosting;

/// <summary>Reads a request's JSON body as a document, within the configured nesting depth.</summary>
public static class JsonBody
{
    /// <summary>The document, or null with the problem added under "body" (not JSON, too deep, empty).</summary>
    public static async Task<JsonDocument?> ReadAsync(HttpRequest request, ValidationErrors errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(errors);
        var limits = request.HttpContext.RequestServices.GetRequiredService<IOptions<RequestLimitsOptions>>().Value;
        try
        {
            return await JsonDocument.ParseAsync(request.Body, new JsonDocumentOptions { MaxDepth = limits.MaxJsonDepth }, cancellationToken);
        }
        catch (JsonException e)
        {
            errors.Add("body", $"is not valid JSON (at most {limits.MaxJsonDepth} levels deep): {e.Message}");
            return null;
        }
    }
}
