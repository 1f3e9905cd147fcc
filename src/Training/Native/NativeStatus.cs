namespace GridSearch.Training.Native;

/// <summary>The native bridge's gs_status codes.</summary>
public enum NativeStatus
{
    Ok = 0,
    Error = 1,
    InvalidArgument = 2,
    TorchError = 3,
    OutOfMemory = 4,
}
