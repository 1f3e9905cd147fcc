using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace GridSearch.Api.OpenApi;

/// <summary>Marks every property of a response record required: the API writes each one, null or not
/// (JsonIgnoreCondition.Never), so a client may rely on its presence. Requests (…Request) keep their
/// optional fields.</summary>
public sealed class ResponseSchemaFilter : ISchemaFilter
{
    private static readonly string ContractsNamespace = typeof(SearchResponse).Namespace![..typeof(SearchResponse).Namespace!.LastIndexOf('.')];

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (schema is not OpenApiSchema { Properties.Count: > 0 } concrete
            || context.Type.Namespace?.StartsWith(ContractsNamespace, StringComparison.Ordinal) != true
            || context.Type.Name.EndsWith("Request", StringComparison.Ordinal))
        {
            return;
        }

        concrete.Required = new SortedSet<string>(concrete.Properties.Keys, StringComparer.Ordinal);
    }
}
