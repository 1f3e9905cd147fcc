using System.Collections.Concurrent;
using GridSearch.Core.Models;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace GridSearch.Api.Models;

/// <summary>
/// Runs kept models in ONNX Runtime, from the same bytes <c>GET /api/trials/{id}/model?format=onnx</c> serves.
/// A kept model never changes, so each trial's session is built once and reused (the
/// <see cref="MaxSessions"/> built last); whether the model is still kept is the caller's check.
/// </summary>
public sealed class OnnxPredictor : IDisposable
{
    public const int MaxSessions = 8;

    private readonly ConcurrentDictionary<long, Lazy<InferenceSession>> sessions = new();
    private readonly ConcurrentQueue<long> order = new();

    /// <summary>The class probabilities of each image (pixels row-major in [0, 1]).</summary>
    public float[][] Predict(KeptModel model, IReadOnlyList<float[]> images)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(images);
        var session = Session(model);
        var input = model.Architecture.Input;
        var tensor = new DenseTensor<float>([images.Count, input.Channels, input.Height, input.Width]);
        var pixels = tensor.Buffer.Span;
        for (var i = 0; i < images.Count; i++)
        {
            images[i].CopyTo(pixels[(i * input.Pixels)..]);
        }

        using var results = session.Run([NamedOnnxValue.CreateFromTensor(OnnxExport.InputName, tensor)]);
        var probabilities = results.First(r => r.Name == OnnxExport.OutputName).AsTensor<float>();
        var classes = model.Architecture.Classes;
        return [.. Enumerable.Range(0, images.Count).Select(i => Enumerable.Range(0, classes).Select(c => probabilities[i, c]).ToArray())];
    }

    private InferenceSession Session(KeptModel model)
    {
        var id = model.Trial.Id;
        var session = sessions.GetOrAdd(id, _ =>
        {
            order.Enqueue(id);
            return new Lazy<InferenceSession>(() => new InferenceSession(OnnxExport.Build(model.State, $"trial-{id}")));
        });
        while (sessions.Count > MaxSessions && order.TryDequeue(out var oldest) && oldest != id)
        {
            // A session still running finishes: only its cache entry goes; the finalizer frees it.
            sessions.TryRemove(oldest, out _);
        }

        return session.Value;
    }

    public void Dispose()
    {
        foreach (var session in sessions.Values.Where(s => s.IsValueCreated))
        {
            session.Value.Dispose();
        }
    }
}
