using GridSearch.Core.Vocabulary;

namespace GridSearch.Core.Estimates;

/// <summary>
/// One recently trained trial as the estimates read it: how long it took here (<paramref name="Seconds"/>)
/// against its reference cost for the same work (<paramref name="ReferenceSeconds"/>): its epochs so far,
/// plus its end when it finished in one attempt (then the time from its claim to its result counts).
/// </summary>
public sealed record MeasuredRun(long SearchId, Dataset Dataset, ModelFamily Model, int SizeClass, int Epochs, double Seconds, double ReferenceSeconds);
