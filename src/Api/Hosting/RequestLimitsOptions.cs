namespace GridSearch.Api.Hosting;

/// <summary>Limits on what one request may send; bound from GridSearch:Limits.</summary>
public sealed class RequestLimitsOptions
{
    public const string Section = "GridSearch:Limits";

    /// <summary>The largest request body accepted (413 beyond it). A search definition is a few KiB.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>How deeply a JSON body may nest (a definition needs 4 levels).</summary>
    public int MaxJsonDepth { get; set; } = 32;

    /// <summary>Submissions (POST /api/searches) allowed per key, or per remote address without one, per window.</summary>
    public int SubmissionsPerWindow { get; set; } = 60;

    public int SubmissionWindowSeconds { get; set; } = 60;
}
