using GridSearch.Core.Export;
using GridSearch.Testing;

namespace GridSearch.Core.Tests.Export;

public sealed class CsvTests
{
    [Theory]
    [InlineData("relu-tanh", "relu-tanh")]
    // A record of one empty field would be a blank line, which readers skip: it is quoted.
    [InlineData("", "\"\"")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData(" padded", "\" padded\"")]
    public void Write_QuotesOnlyFieldsThatNeedItAndDoublesTheirQuotes(string field, string expected)
    {
        Assert.Equal(expected + "\r\n", Csv.Write([[field]]));
    }

    [Fact]
    public void Write_RoundTripsThroughAnRfc4180Reader()
    {
        string[] fields = ["plain", "with,comma", "with \"quotes\"", "multi\r\nline", ""];

        var line = Csv.Write([fields]);

        Assert.EndsWith("\r\n", line, StringComparison.Ordinal);
        Assert.Equal(fields, Assert.Single(CsvReader.Parse(line)));
    }
}
