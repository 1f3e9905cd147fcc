using GridSearch.Training.Native;

namespace GridSearch.Worker.Hosting;

public static class DeviceChoice
{
    /// <summary>auto → cuda when libtorch sees a GPU, else cpu. That cuda is there when asked for is
    /// checked at start (<see cref="Preflight.StartupChecks"/>).</summary>
    public static string Resolve(string requested) =>
        requested == "auto" ? (NativeRuntime.IsCudaAvailable() ? "cuda" : "cpu") : requested;
}
