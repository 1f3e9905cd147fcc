namespace GridSearch.Core.Access;

/// <summary>
/// Who may do what. Until the first key exists (and unless RequireApiKey is set) the service is open:
/// anyone may do anything, as `make demo` on loopback expects. Once keys are required, a request needs a
/// key whose scope allows it; with OpenReads, requests without a key may still read.
/// </summary>
public static class AccessRules
{
    /// <summary>Whether requests must carry a key: once any key was ever created, or when configured so.
    /// Revoked keys count, so revoking every key does not open the service again.</summary>
    public static bool KeysRequired(AccessOptions options, bool anyKeyExists)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.RequireApiKey || anyKeyExists;
    }

    /// <summary>Whether <paramref name="caller"/> may attempt <paramref name="operation"/> at all. A change to a
    /// search that exists (a cancel, a cross-validation, a pin) also needs <see cref="MayChangeSearch"/>.</summary>
    public static bool Allows(Caller caller, AccessOperation operation, AccessOptions options, bool anyKeyExists)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.Scope is not { } scope)
        {
            return !KeysRequired(options, anyKeyExists) || (operation == AccessOperation.Read && options.OpenReads);
        }

        return operation switch
        {
            AccessOperation.Read => true,
            AccessOperation.Submit or AccessOperation.Cancel => scope >= ApiKeyScope.Submit,
            AccessOperation.ManageKeys => scope == ApiKeyScope.Admin,
            _ => false,
        };
    }

    /// <summary>A submit key may change the searches it submitted (cancel them, cross-validate them, pin or
    /// unpin their models); an admin key any search. Without keys required, anyone may change anything (the
    /// open service has no owners).</summary>
    public static bool MayChangeSearch(Caller caller, long? submittedByKeyId, AccessOptions options, bool anyKeyExists)
    {
        ArgumentNullException.ThrowIfNull(caller);
        // Every change needs at least what submitting does (a cancel's scope is the same).
        if (!Allows(caller, AccessOperation.Submit, options, anyKeyExists))
        {
            return false;
        }

        return caller.Scope switch
        {
            null => true,
            ApiKeyScope.Admin => true,
            _ => submittedByKeyId is { } owner && owner == caller.KeyId,
        };
    }
}
