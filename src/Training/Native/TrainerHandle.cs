using System.Runtime.InteropServices;

namespace GridSearch.Training.Native;

/// <summary>Owns one native gs_trainer; destroyed when disposed or finalized.</summary>
internal sealed class TrainerHandle : SafeHandle
{
    public TrainerHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle() => NativeMethods.gs_trainer_destroy(handle) == 0;
}
