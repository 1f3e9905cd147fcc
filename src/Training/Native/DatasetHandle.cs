namespace GridSearch.Training.Native;

/// <summary>Owns one native gs_dataset.</summary>
internal sealed class DatasetHandle() : NativeHandle(NativeMethods.gs_dataset_destroy);
