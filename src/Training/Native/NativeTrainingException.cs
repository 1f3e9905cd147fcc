namespace GridSearch.Training.Native;

/// <summary>A failure inside libtorch or the native bridge, with the native side's message.</summary>
public sealed class NativeTrainingException : Exception
{
    public NativeTrainingException()
    {
    }

    public NativeTrainingException(string message)
        : base(message)
    {
    }

    public NativeTrainingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public NativeTrainingException(NativeStatus status, string message)
        : base(message)
    {
        Status = status;
    }

    public NativeStatus Status { get; } = NativeStatus.Error;
}
