using System.ComponentModel.DataAnnotations;

namespace GridSearch.Api.Hosting;

/// <summary>Limits on what one request may send, and how many of the costly requests one caller may make
/// (<see cref="RequestRateLimits"/>); bound from GridSearch:Limits.</summary>
public sealed class RequestLimitsOptions
{
    public const string Section = "GridSearch:Limits";

    /// <summary>The largest request body accepted (413 beyond it). A search definition is a few KiB.</summary>
    [Range(1, long.MaxValue)]
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>How deeply a JSON body may nest (a definition needs 4 levels).</summary>
    [Range(1, int.MaxValue)]
    public int MaxJsonDepth { get; set; } = 32;

    /// <summary>Submissions (POST /api/searches) per window: each can queue thousands of trials.</summary>
    [Range(1, int.MaxValue)]
    public int SubmissionsPerWindow { get; set; } = 60;

    /// <summary>Dry runs (POST /api/searches/plan) per window: each plans the whole grid and reads the
    /// measured epoch rates.</summary>
    [Range(1, int.MaxValue)]
    public int PlansPerWindow { get; set; } = 300;

    /// <summary>Cross-validations (POST /api/searches/{id}/evaluate) per window: each can queue a trial per fold
    /// of each configuration.</summary>
    [Range(1, int.MaxValue)]
    public int EvaluationsPerWindow { get; set; } = 60;

    /// <summary>Prediction requests (POST /api/trials/{id}/predict) per window: each loads a model and runs it
    /// over up to a request body of images.</summary>
    [Range(1, int.MaxValue)]
    public int PredictionsPerWindow { get; set; } = 300;

    /// <summary>The fixed window each of the limits above counts in, per key (or per remote address without one).</summary>
    [Range(1, int.MaxValue)]
    public int WindowSeconds { get; set; } = 60;
}
