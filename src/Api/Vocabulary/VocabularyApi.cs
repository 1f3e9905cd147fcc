namespace GridSearch.Api.Vocabulary;

/// <summary>Publishes the vocabulary, so the dashboard and the CLI name, order and print the
/// hyperparameters exactly as the service does, without a list of their own.</summary>
public static class VocabularyApi
{
    public static void MapVocabularyApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/axes", GetAxes).WithTags("Vocabulary")
            .WithSummary("Every hyperparameter a search may name: type, default, allowed values, model family, description, in display and grid order.");
    }

    public static Ok<VocabularyResponse> GetAxes() => TypedResults.Ok(VocabularyResponses.Current);
}
