namespace GridSearch.Core.Access;

/// <summary>The kinds of request <see cref="AccessRules"/> decides on.</summary>
public enum AccessOperation
{
    /// <summary>Any GET: searches, trials, leaderboards, events, exports, metrics.</summary>
    Read,

    /// <summary>Submitting a search.</summary>
    Submit,

    /// <summary>Cancelling a search: a submit key may cancel its own, an admin key any (<see cref="AccessRules.MayChangeSearch"/>).</summary>
    Cancel,

    /// <summary>Creating, listing and revoking keys.</summary>
    ManageKeys,
}
