using System.IO.Compression;
using GridSearch.Domain.Architectures;
using MemoryMarshal = System.Runtime.InteropServices.MemoryMarshal;

namespace GridSearch.Domain.Models;

/// <summary>
/// A trained network's state: every weight, bias and batch-norm running statistic as float32, in
/// PyTorch's state_dict order for the <c>nn.Sequential</c> the architecture describes (layer by layer:
/// weight, bias, then running_mean, running_var; no num_batches_tracked), with the state_dict's keys.
/// The stored form (<see cref="Format"/>) is those floats, little-endian, one after another; the layout is
/// derived from the trial's config, so nothing else is stored.
/// </summary>
public sealed class ModelState
{
    /// <summary>The encoding models are stored in: the values as they are. Brotli (<see cref="BrotliFormat"/>) saved
    /// about 7% of a trained network's bytes for about 7 ms of every trial's completion; trained float32 weights
    /// barely compress.</summary>
    public const string Format = "float32-le";

    /// <summary>The encoding models were stored in before <see cref="Format"/>: the same values, Brotli-compressed. Still read.</summary>
    public const string BrotliFormat = "float32-le+brotli";

    /// <summary>Batch normalisation's epsilon (libtorch's and PyTorch's default).</summary>
    public const double BatchNormEpsilon = 1e-5;

    private ModelState(Architecture architecture, IReadOnlyList<StateTensor> tensors, float[] values)
    {
        Architecture = architecture;
        Tensors = tensors;
        Values = values;
    }

    public Architecture Architecture { get; }

    public IReadOnlyList<StateTensor> Tensors { get; }

    public float[] Values { get; }

    /// <summary>The state of <paramref name="architecture"/> with these values; they must be exactly as many as its layout holds.</summary>
    public static ModelState Create(Architecture architecture, float[] values)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        ArgumentNullException.ThrowIfNull(values);
        var tensors = Layout(architecture);
        var count = tensors.Count == 0 ? 0 : tensors[^1].Offset + tensors[^1].Count;
        if (values.Length != count)
        {
            throw new ArgumentException($"The architecture's state holds {count} values, not {values.Length}.", nameof(values));
        }

        return new ModelState(architecture, tensors, values);
    }

    /// <summary>Reads a stored state (<paramref name="format"/> must be <see cref="Format"/> or <see cref="BrotliFormat"/>).</summary>
    public static ModelState Decode(Architecture architecture, string format, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var bytes = format switch
        {
            Format => data,
            BrotliFormat => Decompress(data),
            _ => throw new NotSupportedException($"Stored models in '{format}' cannot be read; only '{Format}' and '{BrotliFormat}'."),
        };
        if (bytes.Length % sizeof(float) != 0)
        {
            throw new InvalidDataException("A stored model's length is not a whole number of float32 values.");
        }

        var values = new float[bytes.Length / sizeof(float)];
        bytes.AsSpan().CopyTo(MemoryMarshal.AsBytes(values.AsSpan()));
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Stored models are little-endian.");
        }

        return Create(architecture, values);
    }

    /// <summary>The stored form (<see cref="Format"/>): the values, little-endian.</summary>
    public byte[] Encode() => MemoryMarshal.AsBytes(Values.AsSpan()).ToArray();

    private static byte[] Decompress(byte[] data)
    {
        using var input = new BrotliStream(new MemoryStream(data), CompressionMode.Decompress);
        using var raw = new MemoryStream();
        input.CopyTo(raw);
        return raw.ToArray();
    }

    public ReadOnlySpan<float> ValuesOf(StateTensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        return Values.AsSpan(tensor.Offset, tensor.Count);
    }

    /// <summary>The tensors each layer holds, in order, named as PyTorch's nn.Sequential names them (the layer's index, then the tensor).</summary>
    public static IReadOnlyList<StateTensor> Layout(Architecture architecture)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        var tensors = new List<StateTensor>();
        var offset = 0;
        void Add(int layer, string name, params int[] shape)
        {
            var tensor = new StateTensor($"{layer}.{name}", shape, offset);
            tensors.Add(tensor);
            offset += tensor.Count;
        }

        for (var i = 0; i < architecture.Layers.Count; i++)
        {
            var layer = architecture.Layers[i];
            switch (layer.Kind)
            {
                case LayerKind.Dense:
                    Add(i, "weight", layer.Outputs, layer.Inputs);
                    Add(i, "bias", layer.Outputs);
                    break;
                case LayerKind.Conv2d:
                    Add(i, "weight", layer.Outputs, layer.Inputs, layer.Kernel, layer.Kernel);
                    Add(i, "bias", layer.Outputs);
                    break;
                case LayerKind.BatchNorm1d or LayerKind.BatchNorm2d:
                    Add(i, "weight", layer.Inputs);
                    Add(i, "bias", layer.Inputs);
                    Add(i, "running_mean", layer.Inputs);
                    Add(i, "running_var", layer.Inputs);
                    break;
            }
        }

        return tensors;
    }
}
