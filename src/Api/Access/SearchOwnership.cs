using GridSearch.Core.Access;

namespace GridSearch.Api.Access;

/// <summary>The one answer to a key that may not change a search (<see cref="AccessRules.MayChangeSearch"/>),
/// naming the change refused.</summary>
public static class SearchOwnership
{
    public static ProblemHttpResult Forbidden(string change) => TypedResults.Problem(
        title: $"This API key may not {change}.",
        detail: "A submit key changes only the searches it submitted (cancels them, cross-validates them, pins their models); an admin key changes any.",
        statusCode: StatusCodes.Status403Forbidden);
}
