using System.Runtime.InteropServices;

namespace GridSearch.Training.Native;

/// <summary>Owns one native gs_model; destroyed when disposed or finalized.</summary>
internal sealed class ModelHandle : SafeHandle
{
    public ModelHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle() => NativeMethods.gs_model_destroy(handle) == 0;
}
