using System.Runtime.InteropServices;

namespace GridSearch.Training.Native;

/// <summary>gs_layer: one layer descriptor as the native side reads it.</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct NativeLayer(LayerSpec layer)
{
    public readonly int Kind = (int)layer.Kind;
    public readonly int Inputs = layer.Inputs;
    public readonly int Outputs = layer.Outputs;
    public readonly int Kernel = layer.Kernel;
    public readonly int Padding = layer.Padding;
    public readonly int Activation = (int)layer.Activation;
    public readonly double Value = layer.Value;
}
