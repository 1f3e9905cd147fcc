namespace GridSearch.Core.Persistence;

/// <summary>Where the connection string comes from: GRIDSEARCH_DB, then ConnectionStrings:GridSearch,
/// then the local cluster that scripts/pg.sh starts.</summary>
public static class DatabaseSettings
{
    public const string EnvironmentVariable = "GRIDSEARCH_DB";
    public const string LocalDefault = "Host=127.0.0.1;Port=55432;Username=gridsearch;Password=gridsearch;Database=gridsearch";

    /// <param name="configured">ConnectionStrings:GridSearch, where the host has configuration.</param>
    public static string ConnectionString(string? configured = null)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return fromEnvironment;
        }

        return string.IsNullOrWhiteSpace(configured) ? LocalDefault : configured;
    }
}
