namespace GridSearch.Training.Native;

/// <summary>The native bridge's gs_status codes; on any but <see cref="Ok"/> the calling thread's
/// message is in gs_last_error.</summary>
public enum NativeStatus
{
    Ok = 0,
    Error = 1,           // a C++ exception other than the ones below
    InvalidArgument = 2, // a null pointer, a size out of range, an unknown enum value
    TorchError = 3,      // libtorch refused the operation (c10::Error): shape mismatch, unavailable device...
    OutOfMemory = 4,
}
