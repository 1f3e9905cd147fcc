namespace GridSearch.Core.Persistence;

/// <summary>Where the connection string comes from: GRIDSEARCH_DB, then ConnectionStrings:GridSearch,
/// then the local cluster that scripts/pg.sh starts.</summary>
public static class DatabaseSettings
{
    public const string EnvironmentVariable = "GRIDSEARCH_DB";
    public const string LocalDefault = "Host=127.0.0.1;Port=55432;Username=gridsearch;Password=gridsearch;Database=gridsearch";

    /// <param name="gridSearchDb">GRIDSEARCH_DB as the host's configuration sees it (environment or override).</param>
    /// <param name="configured">ConnectionStrings:GridSearch.</param>
    public static string ConnectionString(string? gridSearchDb = null, string? configured = null)
    {
        foreach (var candidate in new[] { gridSearchDb, Environment.GetEnvironmentVariable(EnvironmentVariable), configured })
        {
            if (!string.IsNullOrWhiteSpace(candidate))
            {
                return candidate;
            }
        }

        return LocalDefault;
    }
}
