namespace GridSearch.Domain.Trials;

/// <summary>
/// The version of the training engine (src/Training and native/): part of a result's identity, so a
/// result is reused only by searches that would train it the same way. Raise it with any change that
/// can change what a config trains to (numerics, data handling, defaults the engine applies); it is
/// written here once, recorded on every trial by the worker that claims it, and compared by the cache.
/// </summary>
public static class EngineVersion
{
    public const string Current = "1";
}
