using GridSearch.Domain.Vocabulary;
using GridSearch.Training.Native;

namespace GridSearch.Worker.Hosting;

public static class DeviceChoice
{
    /// <summary>Auto → Cuda when libtorch sees a GPU, else Cpu. That CUDA is there when asked for is
    /// checked at start (<see cref="Preflight.StartupChecks"/>).</summary>
    public static TrainingDevice Resolve(TrainingDevice requested) =>
        requested == TrainingDevice.Auto ? (NativeRuntime.IsCudaAvailable() ? TrainingDevice.Cuda : TrainingDevice.Cpu) : requested;
}
