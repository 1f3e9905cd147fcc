using GridSearch.Domain.Datasets;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace GridSearch.Api.Tests.Models;

/// <summary>The 10,000 MNIST test images as the trainer sees them (pixel / 255 as float32), and an ONNX
/// model's answers on them.</summary>
internal static class TestImages
{
    private const int Pixels = 28 * 28;

    private static readonly Lazy<(float[] Pixels, byte[] Labels)> Mnist = new(() =>
    {
        var folder = Path.Combine(DataDirectory.Locate(), "mnist");
        var (_, pixels) = IdxFile.Read(Path.Combine(folder, "t10k-images-idx3-ubyte"));
        var (_, labels) = IdxFile.Read(Path.Combine(folder, "t10k-labels-idx1-ubyte"));
        return ([.. pixels.Select(p => p * (1f / 255f))], labels);
    });

    public static byte[] Labels => Mnist.Value.Labels;

    public static int Count => Labels.Length;

    /// <summary>Image <paramref name="index"/>'s 784 pixels.</summary>
    public static float[] Image(int index) => Mnist.Value.Pixels[(index * Pixels)..((index + 1) * Pixels)];

    /// <summary>The class ONNX Runtime picks for every test image, from the model's bytes.</summary>
    public static int[] Classify(byte[] onnx)
    {
        using var session = new InferenceSession(onnx);
        var classes = new int[Count];
        const int batch = 1000;
        for (var start = 0; start < Count; start += batch)
        {
            var tensor = new DenseTensor<float>(Mnist.Value.Pixels.AsMemory(start * Pixels, batch * Pixels), [batch, 1, 28, 28]);
            using var results = session.Run([NamedOnnxValue.CreateFromTensor("image", tensor)]);
            var probabilities = results.Single(r => r.Name == "probabilities").AsTensor<float>();
            for (var i = 0; i < batch; i++)
            {
                var best = 0;
                for (var c = 1; c < 10; c++)
                {
                    best = probabilities[i, c] > probabilities[i, best] ? c : best;
                }

                classes[start + i] = best;
            }
        }

        return classes;
    }

    /// <summary>How many test images the model gets right.</summary>
    public static int Correct(byte[] onnx) => Classify(onnx).Where((c, i) => c == Labels[i]).Count();
}
