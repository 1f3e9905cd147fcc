namespace GridSearch.Deploy.Tests.Compose;

/// <summary>One compose stack for every deploy test, which run one after another: each search has the
/// three workers to itself.</summary>
[CollectionDefinition(Name)]
public sealed class DeployCollection : ICollectionFixture<ComposeStack>
{
    public const string Name = "deploy";
}
