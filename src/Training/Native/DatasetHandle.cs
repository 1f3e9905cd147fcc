using System.Runtime.InteropServices;

namespace GridSearch.Training.Native;

/// <summary>Owns one native gs_dataset; destroyed when disposed or finalized.</summary>
internal sealed class DatasetHandle : SafeHandle
{
    public DatasetHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle() => NativeMethods.gs_dataset_destroy(handle) == 0;
}
