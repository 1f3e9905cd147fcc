namespace GridSearch.Core.Access;

/// <summary><see cref="AccessRules"/> with what they need from outside the request: the configured options
/// and whether any key exists.</summary>
public sealed class AccessGate(ApiKeyService keys, AccessOptions options)
{
    public async ValueTask<bool> AllowsAsync(Caller caller, AccessOperation operation, CancellationToken cancellationToken) =>
        AccessRules.Allows(caller, operation, options, await keys.AnyKeyExistsAsync(cancellationToken));

    public async ValueTask<bool> MayChangeSearchAsync(Caller caller, long? submittedByKeyId, CancellationToken cancellationToken) =>
        AccessRules.MayChangeSearch(caller, submittedByKeyId, options, await keys.AnyKeyExistsAsync(cancellationToken));

    public async ValueTask<bool> KeysRequiredAsync(CancellationToken cancellationToken) =>
        AccessRules.KeysRequired(options, await keys.AnyKeyExistsAsync(cancellationToken));
}
