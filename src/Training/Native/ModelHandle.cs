namespace GridSearch.Training.Native;

/// <summary>Owns one native gs_model.</summary>
internal sealed class ModelHandle() : NativeHandle(NativeMethods.gs_model_destroy);
