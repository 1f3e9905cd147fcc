namespace GridSearch.Core.Access;

/// <summary>How locked down the API is; bound from the GridSearch section of the configuration.</summary>
public sealed class AccessOptions
{
    public const string Section = "GridSearch";

    /// <summary>Set at first start to store this secret as an admin key named "admin", when no key exists yet.</summary>
    public const string AdminKeyEnvironmentVariable = "GRIDSEARCH_ADMIN_KEY";

    /// <summary>Require a key on every request even before any key exists (otherwise the first key turns it on).</summary>
    public bool RequireApiKey { get; set; }

    /// <summary>Let requests without a key read (GETs) while keys are required for everything else.</summary>
    public bool OpenReads { get; set; }
}
