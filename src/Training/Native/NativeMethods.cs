using System.Reflection;
using System.Runtime.InteropServices;

namespace GridSearch.Training.Native;

/// <summary>
/// The C ABI of libgridsearch_native (native/include/gridsearch_native.h). Every gs_* call returns a
/// status that goes through <see cref="Check"/>, which turns a failure into a
/// <see cref="NativeTrainingException"/> carrying the native message.
/// </summary>
internal static partial class NativeMethods
{
    private const string Library = "gridsearch_native";
    internal const string FileName = "libgridsearch_native.so";

    /// <summary>Overrides where the library is loaded from: a path to the .so file.</summary>
    public const string LibraryVariable = "GRIDSEARCH_NATIVE_LIB";

    static NativeMethods() => NativeLibrary.SetDllImportResolver(typeof(NativeMethods).Assembly, Resolve);

    [LibraryImport(Library)]
    internal static partial IntPtr gs_last_error();

    [LibraryImport(Library)]
    internal static partial void gs_error_free(IntPtr message);

    [LibraryImport(Library)]
    internal static partial int gs_runtime_set_threads(int threads);

    [LibraryImport(Library)]
    internal static partial int gs_runtime_get_threads(out int torchThreads, out int blasThreads);

    [LibraryImport(Library)]
    internal static partial int gs_runtime_cuda_available(out int available);

    [LibraryImport(Library)]
    internal static partial int gs_runtime_describe(Span<byte> buffer, long capacity, out long length);

    [LibraryImport(Library)]
    internal static partial int gs_dataset_create(
        ReadOnlySpan<byte> pixels, ReadOnlySpan<byte> labels, long count, int channels, int height, int width, float scale,
        out DatasetHandle dataset);

    [LibraryImport(Library)]
    internal static partial int gs_dataset_subset(DatasetHandle parent, ReadOnlySpan<long> indices, long count, out DatasetHandle dataset);

    [LibraryImport(Library)]
    internal static partial int gs_dataset_count(DatasetHandle dataset, out long count);

    [LibraryImport(Library)]
    internal static partial int gs_dataset_destroy(IntPtr dataset);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int gs_model_create(
        ReadOnlySpan<NativeLayer> layers, int layerCount, int initializer, long seed, string device, out ModelHandle model);

    [LibraryImport(Library)]
    internal static partial int gs_model_parameter_count(ModelHandle model, out long count);

    [LibraryImport(Library)]
    internal static partial int gs_model_destroy(IntPtr model);

    [LibraryImport(Library)]
    internal static partial int gs_trainer_create(ModelHandle model, in NativeOptimizerSpec optimizer, out TrainerHandle trainer);

    [LibraryImport(Library)]
    internal static partial int gs_trainer_set_learning_rate(TrainerHandle trainer, double learningRate);

    [LibraryImport(Library)]
    internal static partial int gs_trainer_train_epoch(
        TrainerHandle trainer, DatasetHandle dataset, int batchSize, int maxShift, double maxRotationDegrees,
        out double loss, out double accuracy);

    [LibraryImport(Library)]
    internal static partial int gs_trainer_evaluate(
        TrainerHandle trainer, DatasetHandle dataset, int batchSize, out double loss, out double accuracy,
        Span<long> confusion, int classes);

    [LibraryImport(Library)]
    internal static partial int gs_trainer_snapshot(TrainerHandle trainer);

    [LibraryImport(Library)]
    internal static partial int gs_trainer_restore(TrainerHandle trainer);

    [LibraryImport(Library)]
    internal static partial int gs_trainer_destroy(IntPtr trainer);

    [LibraryImport(Library)]
    internal static partial int gs_trainer_save_checkpoint(TrainerHandle trainer, out IntPtr data, out long size);

    [LibraryImport(Library)]
    internal static partial int gs_trainer_load_checkpoint(TrainerHandle trainer, ReadOnlySpan<byte> data, long size);

    [LibraryImport(Library)]
    internal static partial void gs_checkpoint_free(IntPtr data);

    /// <summary>Throws the calling thread's native error when <paramref name="status"/> is not GS_OK.</summary>
    internal static void Check(int status)
    {
        if (status == 0)
        {
            return;
        }

        var message = gs_last_error();
        string text;
        try
        {
            text = message == IntPtr.Zero
                ? "the native call failed without a message"
                : Marshal.PtrToStringUTF8(message) ?? "";
        }
        finally
        {
            if (message != IntPtr.Zero)
            {
                gs_error_free(message);
            }
        }

        throw new NativeTrainingException((NativeStatus)status, text);
    }

    /// <summary>$GRIDSEARCH_NATIVE_LIB, else the copy next to the application, else a native/build
    /// folder above it (a checkout whose library was built after the .NET build), else the default
    /// search (LD_LIBRARY_PATH...).</summary>
    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != Library)
        {
            return IntPtr.Zero;
        }

        var configured = Environment.GetEnvironmentVariable(LibraryVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            return NativeLibrary.Load(configured);
        }

        var local = Path.Combine(AppContext.BaseDirectory, FileName);
        if (File.Exists(local))
        {
            return NativeLibrary.Load(local);
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var built = Path.Combine(directory.FullName, "native", "build", FileName);
            if (File.Exists(built))
            {
                return NativeLibrary.Load(built);
            }
        }

        return IntPtr.Zero;
    }
}
