using System.Runtime.InteropServices;

namespace GridSearch.Training.Native;

/// <summary>gs_optimizer_spec: an optimizer as the native side reads it.</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct NativeOptimizerSpec(OptimizerSettings settings)
{
    public readonly int Kind = (int)settings.Kind;
    public readonly int Nesterov = settings.Nesterov ? 1 : 0;
    public readonly int AmsGrad = settings.AmsGrad ? 1 : 0;
    public readonly int Reserved = 0;
    public readonly double LearningRate = settings.LearningRate;
    public readonly double WeightDecay = settings.WeightDecay;
    public readonly double Momentum = settings.Momentum;
}
