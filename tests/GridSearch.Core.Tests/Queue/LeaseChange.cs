namespace GridSearch.Core.Tests.Queue;

/// <summary>What a transition does to lease_token and lease_expires_at.</summary>
internal enum LeaseChange
{
    /// <summary>Both cleared.</summary>
    None,

    /// <summary>The token the claim returned, expiring a lease duration from now.</summary>
    Claimed,

    /// <summary>The same token, now expiring a lease duration from now.</summary>
    Renewed,

    /// <summary>Both as they were.</summary>
    Kept,
}
