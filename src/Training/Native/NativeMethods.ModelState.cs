using System.Runtime.InteropServices;

namespace GridSearch.Training.Native;

/// <summary>The model-state part of the C ABI (native/src/weights.cpp), apart so the bridge's other areas merge cleanly.</summary>
internal static partial class NativeMethods
{
    [LibraryImport(Library)]
    internal static partial int gs_model_state_size(ModelHandle model, out long floats);

    [LibraryImport(Library)]
    internal static partial int gs_model_state_copy(ModelHandle model, Span<float> values, long capacity);
}
