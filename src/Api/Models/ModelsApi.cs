using System.Security.Claims;
using System.Text.Json;
using GridSearch.Api.Access;
using GridSearch.Api.Hosting;
using GridSearch.Api.OpenApi;
using GridSearch.Api.Trials;
using GridSearch.Core.Access;
using GridSearch.Core.Models;
using GridSearch.Core.Search;
using GridSearch.Domain.Architectures;
using GridSearch.Domain.Definition;
using GridSearch.Domain.Models;
using GridSearch.Domain.Trials;
using GridSearch.Domain.Vocabulary;

namespace GridSearch.Api.Models;

/// <summary>A trial's kept model: export (ONNX, or the config to rebuild it), predictions, pinning.</summary>
public static class ModelsApi
{
    /// <summary>Problems listed per request at most; past them the images are not checked further.</summary>
    private const int MaxReportedImages = 10;

    public static void MapModelsApi(this IEndpointRouteBuilder app)
    {
        var trials = app.MapGroup("/api/trials").WithTags("Models");
        trials.MapGet("/{id:long}/model", GetModel)
            .WithMetadata(new ResponseContent(StatusCodes.Status200OK, DownloadFormats.Onnx.MediaType, typeof(byte[])))
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("The trial's kept model: format=onnx (opset 13; input 'image' [N,1,28,28] in [0,1], output 'probabilities' [N,10]) "
                + "or format=config (the config, metrics, layers and tensors to rebuild it).");
        trials.MapPost("/{id:long}/predict", Predict)
            .RequireRateLimiting(RequestRateLimits.Predictions)
            .Accepts<PredictRequest>("application/json", "multipart/form-data")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Classifies images with the trial's kept model, run in ONNX Runtime: JSON (each image 784 numbers in [0, 1], row-major 28×28) "
                + "or multipart/form-data uploads (28×28 PNG files; form field invert=true for dark strokes on a light ground).");
        trials.MapPost("/{id:long}/pin", Pin).RequireAccess(AccessOperation.Submit)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Keeps the trial's model whatever its rank when the search ends.");
        trials.MapDelete("/{id:long}/pin", Unpin).RequireAccess(AccessOperation.Submit)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Unpins the trial's model; outside its ended search's best it is dropped at once.");
    }

    public static async Task<Results<FileContentHttpResult, Ok<ModelConfigResponse>, NotFound, ProblemHttpResult, ValidationProblem>> GetModel(
        long id, string? format, ModelStore models, SearchService searches, CancellationToken cancellationToken)
    {
        var formats = DownloadFormats.Model;
        if ((format is null ? formats.Default : formats.Find(format)) is not { } chosen)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["format"] = [$"must be {formats.Choices}, got '{format}'."] });
        }

        var model = await models.FindAsync(id, cancellationToken);
        if (model is null)
        {
            return await NotKeptAsync(id, searches, cancellationToken);
        }

        if (chosen == DownloadFormats.Onnx)
        {
            return TypedResults.File(OnnxExport.Build(model.State, $"trial-{id}"), DownloadFormats.Onnx.MediaType, $"trial-{id}.{DownloadFormats.Onnx.Extension}");
        }

        var architecture = model.Architecture;
        return TypedResults.Ok(new ModelConfigResponse(
            id,
            model.Trial.SearchId,
            StoredJson.Config(model.Trial.Config),
            TrialResponses.Result(model.Trial),
            [architecture.Input.Channels, architecture.Input.Height, architecture.Input.Width],
            architecture.Classes,
            [.. architecture.Layers.Select(Layer)],
            [.. ModelState.Layout(architecture).Select(t => new ModelTensorResponse(t.Name, t.Shape))],
            model.Stored.Format));
    }

    public static async Task<Results<Ok<PredictionsResponse>, NotFound, ProblemHttpResult, ValidationProblem>> Predict(
        long id, HttpRequest request, ModelStore models, SearchService searches, OnnxPredictor predictor, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var (images, inverted) = request.HasFormContentType
            ? await UploadedImages.ReadAsync(request, ImageShape.Mnist, errors, cancellationToken)
            : (await ReadJsonImagesAsync(request, errors, cancellationToken), (bool?)null);
        if (images is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The images cannot be classified.");
        }

        var model = await models.FindAsync(id, cancellationToken);
        if (model is null)
        {
            return await NotKeptAsync(id, searches, cancellationToken);
        }

        var probabilities = predictor.Predict(model, images);
        return TypedResults.Ok(new PredictionsResponse(
            [.. probabilities.Select(p => new PredictionResponse(Array.IndexOf(p, p.Max()), p))],
            LightGroundWarnings.For(images, ImageShape.Mnist, inverted)));
    }

    public static Task<Results<NoContent, NotFound, ProblemHttpResult>> Pin(
        long id, ClaimsPrincipal user, ModelStore models, SearchService searches, AccessGate access, CancellationToken cancellationToken) =>
        SetPinAsync(id, true, user, models, searches, access, cancellationToken);

    public static Task<Results<NoContent, NotFound, ProblemHttpResult>> Unpin(
        long id, ClaimsPrincipal user, ModelStore models, SearchService searches, AccessGate access, CancellationToken cancellationToken) =>
        SetPinAsync(id, false, user, models, searches, access, cancellationToken);

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> SetPinAsync(
        long id, bool pinned, ClaimsPrincipal user, ModelStore models, SearchService searches, AccessGate access, CancellationToken cancellationToken)
    {
        if (await searches.OwnerOfTrialAsync(id, cancellationToken) is not { } owner)
        {
            return TypedResults.NotFound();
        }

        if (!await access.MayChangeSearchAsync(user.Caller(), owner.SubmittedByKeyId, cancellationToken))
        {
            return SearchOwnership.Forbidden(pinned ? "pin this trial's model" : "unpin this trial's model");
        }

        return await models.PinAsync(id, pinned, cancellationToken)
            ? TypedResults.NoContent()
            : await NotKeptAsync(id, searches, cancellationToken);
    }

    /// <summary>404 when there is no such trial, else 409: the trial exists but its model is not kept.</summary>
    private static async Task<NotKept> NotKeptAsync(long id, SearchService searches, CancellationToken cancellationToken) =>
        await searches.TrialAsync(id, cancellationToken) is null
            ? new NotKept(TypedResults.NotFound())
            : new NotKept(TypedResults.Problem(
                title: "The trial's model is not kept.",
                detail: $"Trial {id} has no kept model: it has not succeeded, diverged, or was not among its search's best when the search ended (pin a trial to keep its model).",
                statusCode: StatusCodes.Status409Conflict));

    private static async Task<List<float[]>?> ReadJsonImagesAsync(HttpRequest request, ValidationErrors errors, CancellationToken cancellationToken)
    {
        using var body = await JsonBody.ReadAsync(request, errors, cancellationToken);
        return body is null ? null : ReadImages(body.RootElement, errors);
    }

    /// <summary>The images of <c>{ "images": [[784 numbers], ...] }</c>, or null with every problem named.</summary>
    private static List<float[]>? ReadImages(JsonElement root, ValidationErrors errors)
    {
        var pixels = ImageShape.Mnist.Pixels;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("images", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            errors.Add("images", $"must be a list of images, each a list of {pixels} numbers in [0, 1].");
            return null;
        }

        if (list.GetArrayLength() == 0)
        {
            errors.Add("images", "must list at least one image.");
            return null;
        }

        var images = new List<float[]>(list.GetArrayLength());
        var bad = 0;
        foreach (var item in list.EnumerateArray())
        {
            var key = $"images[{images.Count}]";
            var image = new float[pixels];
            images.Add(image);
            if (item.ValueKind != JsonValueKind.Array || item.GetArrayLength() != pixels)
            {
                var got = item.ValueKind == JsonValueKind.Array ? item.GetArrayLength() + " items" : "a " + item.ValueKind.ToString().ToLowerInvariant();
                errors.Add(key, $"must be a list of {pixels} numbers (28×28, row-major), got {got}.");
            }
            else if (!ReadPixels(item, image))
            {
                errors.Add(key, "must hold numbers in [0, 1] only.");
            }
            else
            {
                continue;
            }

            if (++bad == MaxReportedImages)
            {
                break;
            }
        }

        return bad == 0 ? images : null;
    }

    private static bool ReadPixels(JsonElement item, float[] image)
    {
        var i = 0;
        foreach (var value in item.EnumerateArray())
        {
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetSingle(out var pixel) || !(pixel >= 0 && pixel <= 1))
            {
                return false;
            }

            image[i++] = pixel;
        }

        return true;
    }

    private static ModelLayerResponse Layer(LayerSpec layer, int index) => layer.Kind switch
    {
        LayerKind.Dense => new(index, "dense", layer.Inputs, layer.Outputs, null, null, null, null),
        LayerKind.Conv2d => new(index, "conv2d", layer.Inputs, layer.Outputs, layer.Kernel, layer.Padding, null, null),
        LayerKind.BatchNorm1d => new(index, "batch_norm1d", layer.Inputs, null, null, null, null, ModelState.BatchNormEpsilon),
        LayerKind.BatchNorm2d => new(index, "batch_norm2d", layer.Inputs, null, null, null, null, ModelState.BatchNormEpsilon),
        LayerKind.Activation => new(index, "activation", null, null, null, null, EnumNames.Of(layer.Activation), layer.Value == 0 ? null : layer.Value),
        LayerKind.Dropout => new(index, "dropout", null, null, null, null, null, layer.Value),
        LayerKind.MaxPool2 => new(index, "max_pool2", null, null, null, null, null, null),
        LayerKind.Flatten => new(index, "flatten", null, null, null, null, null, null),
        LayerKind.MaxPool2Same => new(index, "max_pool2_same", null, null, null, null, null, null),
        _ => throw new ArgumentOutOfRangeException(nameof(layer), layer.Kind, null),
    };

    /// <summary>Either answer for a trial without a kept model, convertible to each endpoint's result type.</summary>
    private sealed record NotKept(IResult Result)
    {
        public static implicit operator Results<FileContentHttpResult, Ok<ModelConfigResponse>, NotFound, ProblemHttpResult, ValidationProblem>(NotKept notKept) =>
            notKept.Result is NotFound found ? found : (ProblemHttpResult)notKept.Result;

        public static implicit operator Results<Ok<PredictionsResponse>, NotFound, ProblemHttpResult, ValidationProblem>(NotKept notKept) =>
            notKept.Result is NotFound found ? found : (ProblemHttpResult)notKept.Result;

        public static implicit operator Results<NoContent, NotFound, ProblemHttpResult>(NotKept notKept) =>
            notKept.Result is NotFound found ? found : (ProblemHttpResult)notKept.Result;
    }
}
