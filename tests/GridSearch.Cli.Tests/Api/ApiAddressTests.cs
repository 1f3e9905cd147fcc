using GridSearch.Cli.Api;

namespace GridSearch.Cli.Tests.Api;

public sealed class ApiAddressTests
{
    [Theory]
    [InlineData("http://api:8080", "http://env:9090", "http://api:8080/")]
    [InlineData(null, "http://env:9090", "http://env:9090/")]
    [InlineData("", "  ", "http://127.0.0.1:5080/")]
    [InlineData(null, null, "http://127.0.0.1:5080/")]
    [InlineData("https://lab.example/gridsearch", null, "https://lab.example/gridsearch/")]
    public void Resolve_PrefersTheOptionThenTheEnvironmentThenTheDefault(string? option, string? environment, string expected)
    {
        Assert.True(ApiAddress.TryResolve(option, environment, out var address, out _));
        Assert.Equal(expected, address.AbsoluteUri);
    }

    [Theory]
    [InlineData("ftp://files", null, "--api ftp://files is not an http(s) URL")]
    [InlineData(null, "localhost:5080", "GRIDSEARCH_API localhost:5080 is not an http(s) URL")]
    public void Resolve_OfSomethingThatIsNotAnHttpUrl_SaysWhichSettingIsWrong(string? option, string? environment, string error)
    {
        Assert.False(ApiAddress.TryResolve(option, environment, out _, out var message));
        Assert.Equal(error, message);
    }
}
