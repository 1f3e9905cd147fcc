namespace GridSearch.Training.Data;

/// <summary>Labelled images held by the native side as float tensors; subsets share the storage.</summary>
public sealed class ImageSet : IDisposable
{
    private readonly byte[] labels;

    private ImageSet(DatasetHandle handle, byte[] labels, ImageShape shape)
    {
        Handle = handle;
        this.labels = labels;
        Shape = shape;
    }

    public ImageShape Shape { get; }

    public IReadOnlyList<byte> Labels => labels;

    public int Count => labels.Length;

    internal DatasetHandle Handle { get; }

    /// <summary>Copies <paramref name="pixels"/> (count × channels × height × width bytes) to the
    /// native side as pixel × <paramref name="scale"/>: by default scaled to [0, 1].</summary>
    public static ImageSet Create(ReadOnlySpan<byte> pixels, byte[] labels, ImageShape shape, float scale = 1f / 255f)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Length == 0 || shape.Pixels < 1 || pixels.Length != (long)labels.Length * shape.Pixels)
        {
            throw new ArgumentException(
                $"{pixels.Length} pixel bytes do not make {labels.Length} images of {shape}.", nameof(pixels));
        }

        NativeMethods.Check(NativeMethods.gs_dataset_create(
            pixels, labels, labels.Length, shape.Channels, shape.Height, shape.Width, scale, out var handle));
        return new ImageSet(handle, [.. labels], shape);
    }

    /// <summary>The given rows, sharing this set's native storage (it may be disposed first).</summary>
    public ImageSet Subset(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var indices = new long[rows.Count];
        var subsetLabels = new byte[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(rows[i]);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(rows[i], Count);
            indices[i] = rows[i];
            subsetLabels[i] = labels[rows[i]];
        }

        NativeMethods.Check(NativeMethods.gs_dataset_subset(Handle, indices, indices.Length, out var handle));
        return new ImageSet(handle, subsetLabels, Shape);
    }

    public void Dispose() => Handle.Dispose();
}
