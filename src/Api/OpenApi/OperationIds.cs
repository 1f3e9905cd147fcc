using System.Reflection;
using Microsoft.AspNetCore.Mvc.ApiExplorer;

namespace GridSearch.Api.OpenApi;

/// <summary>An operation's id: its endpoint name where it has one (WithName), else its handler's name
/// (CreateSearch, ListTrials), which is unique across the API and what a generated client calls.</summary>
public static class OperationIds
{
    public static string? Of(ApiDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        var metadata = description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IEndpointNameMetadata>().LastOrDefault() is { } name)
        {
            return name.EndpointName;
        }

        // A lambda's compiler-made name is no id: the document's test then finds the operation without one.
        return metadata.OfType<MethodInfo>().LastOrDefault() is { } handler && !handler.Name.Contains('<', StringComparison.Ordinal)
            ? handler.Name
            : null;
    }
}
