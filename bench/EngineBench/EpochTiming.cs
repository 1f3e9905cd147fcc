namespace GridSearch.EngineBench;

/// <summary>Seconds one epoch took: wall clock, and processor time of the whole process (which a
/// busy shared machine disturbs far less).</summary>
internal readonly record struct EpochTiming(double Wall, double Cpu);
