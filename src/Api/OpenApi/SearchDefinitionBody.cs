namespace GridSearch.Api.OpenApi;

/// <summary>Endpoint metadata: the request body is a search definition, read as raw JSON by the handler and
/// described in the document by <see cref="SearchDefinitionSchema"/>.</summary>
public sealed class SearchDefinitionBody
{
    private SearchDefinitionBody()
    {
    }

    public static SearchDefinitionBody Instance { get; } = new();
}
