using System.Runtime.InteropServices;

namespace GridSearch.Training.Native;

/// <summary>Owns one native object, destroyed by <paramref name="destroy"/> (its gs_*_destroy) when
/// disposed or finalized. One subclass per object kind, so a model can never be passed as a trainer.</summary>
internal abstract class NativeHandle(Func<IntPtr, int> destroy) : SafeHandle(IntPtr.Zero, ownsHandle: true)
{
    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle() => destroy(handle) == 0;
}
