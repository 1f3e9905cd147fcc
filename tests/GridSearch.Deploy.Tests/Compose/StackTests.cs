namespace GridSearch.Deploy.Tests.Compose;

/// <summary>A real MNIST search on the compose stack: submitted through the API's published port, trained
/// by worker containers over the bridge network.</summary>
[Collection(DeployCollection.Name)]
public sealed class StackTests(ComposeStack stack)
{
    [Fact]
    public async Task Search_IsTrainedByTwoOrMoreWorkerContainers_WithEveryTrialRecordedOnce()
    {
        var search = await StackSearch.SubmitAsync(stack, "deploy-stack", seed: 101, widths: [32, 48, 64, 96, 128, 160], epochs: 3, trainSize: 4000);

        await search.WaitUntilFinishedAsync();

        await search.AssertRecordedOnceAsync();
        var hosts = await search.TrainingHostsAsync();
        Assert.True(hosts.Count >= 2, $"trained on {string.Join(", ", hosts)} only\n{await stack.DescribeAsync()}");
    }
}
