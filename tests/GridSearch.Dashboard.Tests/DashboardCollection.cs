namespace GridSearch.Dashboard.Tests;

/// <summary>One API, database and browser for every test class, which then run one after another:
/// the tests start workers, and two training at once would slow each other on a small machine.</summary>
[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardHost>
{
    public const string Name = "dashboard";
}
