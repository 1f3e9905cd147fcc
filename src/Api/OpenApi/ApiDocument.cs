using GridSearch.Api.Access;
using Microsoft.OpenApi;

namespace GridSearch.Api.OpenApi;

/// <summary>The OpenAPI document (/swagger/v1/swagger.json) and Swagger UI: every operation named, nullable
/// where the API answers null, the search definition described from the vocabulary, and the answers
/// given before a handler runs (401, 403, 429).</summary>
public static class ApiDocument
{
    public static void AddApiDocument(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SupportNonNullableReferenceTypes();
            // A nullable reference property (a search's best trial) can say so only beside its $ref.
            options.UseAllOfToExtendReferenceSchemas();
            options.CustomOperationIds(OperationIds.Of);
            options.AddBearerScheme();
            options.DocumentFilter<SearchDefinitionFilter>();
            options.OperationFilter<SearchDefinitionFilter>();
            options.OperationFilter<ProblemResponsesFilter>();
            options.SchemaFilter<ResponseSchemaFilter>();
        });
    }

    public static void UseApiDocument(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseSwagger(options => options.PreSerializeFilters.Add((document, request) =>
            // Relative to where the document is served, so it holds behind a proxy or under a path base.
            document.Servers = [new OpenApiServer { Url = request.PathBase.HasValue ? request.PathBase.Value : "/", Description = "This service." }]));
        app.UseSwaggerUI();
    }
}
