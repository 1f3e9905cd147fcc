using GridSearch.Domain.Architectures;
using GridSearch.Domain.Datasets;
using GridSearch.Domain.Definition;
using GridSearch.Domain.Vocabulary;

namespace GridSearch.Api.Datasets;

/// <summary>The datasets' test images, for trying a kept model on one (the dashboard's trial page).</summary>
public static class DatasetsApi
{
    /// <summary>The index that asks for a test image chosen at random.</summary>
    public const string Random = "random";

    public static void MapDatasetsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/datasets/{dataset}/test-images/{index}", GetTestImage).WithTags("Datasets")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A test image of the dataset (index 0 to count − 1, or 'random'): its true class and its pixels as predict takes them. "
                + "404 when this API has no copy of the dataset (the workers do).");
    }

    public static Results<Ok<TestImageResponse>, ProblemHttpResult, ValidationProblem> GetTestImage(
        string dataset, string index, DatasetTestImages images)
    {
        if (!EnumNames.TryParse<Dataset>(dataset, out var which))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["dataset"] = [$"must be one of {string.Join(", ", EnumNames.Choices<Dataset>())}, got '{dataset}'{(DidYouMean.Hint(dataset, EnumNames.Choices<Dataset>()) is { } hint ? "; " + hint : ".")}"],
            });
        }

        int? at = null;
        if (index != Random)
        {
            if (!int.TryParse(index, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["index"] = [$"must be a whole number from 0 or '{Random}', got '{index}'."] });
            }

            at = number;
        }

        TestImage? image;
        try
        {
            image = images.Find(which, at);
        }
        catch (ArgumentOutOfRangeException)
        {
            return TypedResults.Problem(title: "No such test image.", detail: $"{dataset} has no test image {index}.", statusCode: StatusCodes.Status404NotFound);
        }

        if (image is null)
        {
            return TypedResults.Problem(
                title: "This API has no copy of the dataset.",
                detail: $"The {dataset} test files are not in this API's data directory ($GRIDSEARCH_DATA, or a checkout's data/ after make data); the workers train on their own copies.",
                statusCode: StatusCodes.Status404NotFound);
        }

        var shape = DatasetImages.Of(which).Input;
        return TypedResults.Ok(new TestImageResponse(EnumNames.Of(which), image.Index, image.Count, image.Label, shape.Height, shape.Width, image.Pixels));
    }
}
