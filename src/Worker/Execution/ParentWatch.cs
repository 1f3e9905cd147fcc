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

            Environment.Exit(1);
        })
        { IsBackground = true, Name = "parent-watch" };
        thread.Start();
    }

    [LibraryImport("libc", EntryPoint = "getppid")]
    private static partial int GetParentProcessId();
}
