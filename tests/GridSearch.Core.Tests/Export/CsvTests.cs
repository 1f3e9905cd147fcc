using GridSearch.Core.Export;
using GridSearch.Testing;

namespace GridSearch.Core.Tests.Export;

public sealed class CsvTests
{
    [Theory]
    [InlineData("relu-tanh", "relu-tanh")]
    [InlineData("", "")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData(" padded", "\" padded\"")]
    public void Field_QuotesOnlyFieldsThatNeedItAndDoublesTheirQuotes(string field, string expected)
    {
        Assert.Equal(expected, Csv.Field(field));
    }

    [Fact]
    public void AppendLine_RoundTripsThroughAnRfc4180Reader()
    {
        string[] fields = ["plain", "with,comma", "with \"quotes\"", "multi\r\nline", ""];

        var line = Csv.AppendLine(new System.Text.StringBuilder(), fields).ToString();

        Assert.EndsWith("\r\n", line, StringComparison.Ordinal);
        Assert.Equal(fields, Assert.Single(CsvReader.Parse(line)));
    }
}
