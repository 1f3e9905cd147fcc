namespace GridSearch.Core.Access;

/// <summary>What an API key may do; each scope includes the ones before it.</summary>
public enum ApiKeyScope
{
    /// <summary>Read searches, trials, leaderboards, events, exports and metrics.</summary>
    Read,

    /// <summary>Read, submit searches, and cancel the searches this key submitted.</summary>
    Submit,

    /// <summary>Everything: cancel anyone's search, create, list and revoke keys.</summary>
    Admin,
}
