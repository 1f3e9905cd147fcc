using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace GridSearch.Api.OpenApi;

/// <summary>Adds the search definition's schemas to the document, and points the JSON body of every
/// endpoint marked with <see cref="SearchDefinitionBody"/> at them.</summary>
public sealed class SearchDefinitionFilter : IDocumentFilter, IOperationFilter
{
    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(swaggerDoc);
        swaggerDoc.Components ??= new OpenApiComponents();
        swaggerDoc.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        foreach (var (name, schema) in SearchDefinitionSchema.Components(swaggerDoc))
        {
            swaggerDoc.Components.Schemas[name] = schema;
        }
    }

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        if (!context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<SearchDefinitionBody>().Any())
        {
            return;
        }

        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "A search definition.",
            Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
            {
                ["application/json"] = new() { Schema = new OpenApiSchemaReference(SearchDefinitionSchema.Definition, context.Document) },
            },
        };
    }
}
