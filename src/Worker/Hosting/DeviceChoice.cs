using GridSearch.Training.Native;

namespace GridSearch.Worker.Hosting;

public static class DeviceChoice
{
    /// <summary>auto → cuda when libtorch sees a GPU, else cpu; cuda without a GPU is an error.</summary>
    public static string Resolve(string requested, out string? error)
    {
        error = null;
        if (requested == "cpu")
        {
            return "cpu";
        }

        var available = NativeRuntime.IsCudaAvailable();
        if (requested == "cuda" && !available)
        {
            error = "--device cuda was asked for, but libtorch sees no CUDA device (a CPU build, or no GPU).";
        }

        return available ? "cuda" : "cpu";
    }
}
