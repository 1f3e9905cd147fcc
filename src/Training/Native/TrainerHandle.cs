namespace GridSearch.Training.Native;

/// <summary>Owns one native gs_trainer.</summary>
internal sealed class TrainerHandle() : NativeHandle(NativeMethods.gs_trainer_destroy);
