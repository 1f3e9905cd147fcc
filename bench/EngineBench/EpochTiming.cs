namespace GridSearch.EngineBench;

/// <summary>Seconds one epoch took: wall clock, and processor time of the whole process (which a
/// busy shared machine disturbs far less); the native loop also reports its training part alone and
/// the minor page faults of the epoch (memory the allocator returned to the kernel and took back).</summary>
internal readonly record struct EpochTiming(double Wall, double Cpu, double TrainWall = double.NaN, long MinorFaults = 0);
