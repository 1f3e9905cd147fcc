using GridSearch.Cli.Export;
using GridSearch.Cli.Tests.Support;

namespace GridSearch.Cli.Tests.Export;

public sealed class CsvWriterTests
{
    [Theory]
    [InlineData("relu-tanh", "relu-tanh")]
    [InlineData("", "")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData(" padded", "\" padded\"")]
    public void Quote_QuotesOnlyFieldsThatNeedItAndDoublesTheirQuotes(string field, string expected)
    {
        Assert.Equal(expected, CsvWriter.Quote(field));
    }

    [Fact]
    public void Quote_RoundTripsThroughAnRfc4180Reader()
    {
        string[] fields = ["plain", "with,comma", "with \"quotes\"", "multi\r\nline", ""];

        var parsed = Csv.Parse(string.Join(',', fields.Select(CsvWriter.Quote)) + "\n");

        Assert.Equal(["plain", "with,comma", "with \"quotes\"", "multi\r\nline", ""], Assert.Single(parsed));
    }
}
