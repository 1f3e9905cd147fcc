using System.Runtime.InteropServices;

namespace GridSearch.Worker.Execution;

/// <summary>
/// Ends a slot process when its supervisor is gone (killed with SIGKILL, say), as if the whole
/// worker had died: its trial is not handed back, its lease simply expires and the rescuer requeues it.
/// Without this a slot would live on as an orphan nobody can stop.
/// </summary>
public static partial class ParentWatch
{
    public static void Start()
    {
        var parent = GetParentProcessId();
        var thread = new Thread(() =>
        {
            while (GetParentProcessId() == parent)
            {
                Thread.Sleep(250);
            }

            // SIGKILL ourselves rather than exit: an orderly exit tears libtorch down under the
            // training thread, whose errors would then be recorded as failed attempts.
            _ = Kill(Environment.ProcessId, SigKill);
        })
        { IsBackground = true, Name = "parent-watch" };
        thread.Start();
    }

    private const int SigKill = 9;

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "getppid")]
    private static partial int GetParentProcessId();
}
