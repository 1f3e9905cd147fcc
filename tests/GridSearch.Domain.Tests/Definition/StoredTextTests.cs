using System.Text.Json;
using GridSearch.Domain.Definition;

namespace GridSearch.Domain.Tests.Definition;

public sealed class StoredTextTests
{
    [Theory]
    [InlineData("plain")]
    [InlineData("")]
    [InlineData("emoji \ud83d\ude00 and accents é")]
    public void Problem_OfStorableText_IsNull(string value) => Assert.Null(StoredText.Problem(value, 100));

    // xUnit cannot carry lone surrogates in theory data (they arrive as U+FFFD): the text is built here,
    // each {n} standing for the UTF-16 code unit n.
    [Theory]
    [InlineData("nul{0}inside", new[] { 0 }, "NUL")]
    [InlineData("lone {0} high", new[] { 0xD800 }, "surrogate")]
    [InlineData("lone {0} low", new[] { 0xDC00 }, "surrogate")]
    [InlineData("reversed {0}{1}", new[] { 0xDE00, 0xD83D }, "surrogate")]
    [InlineData("ends high {0}", new[] { 0xD83D }, "surrogate")]
    public void Problem_OfUnstorableText_SaysWhy(string format, int[] units, string why) =>
        Assert.Contains(why, StoredText.Problem(Text(format, units), 100), StringComparison.Ordinal);

    internal static string Text(string format, int[] units) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, format, [.. units.Select(u => (object)((char)u).ToString())]);

    [Fact]
    public void Problem_OfTooLongText_GivesTheLimit() =>
        Assert.Contains("at most 5", StoredText.Problem("123456", 5), StringComparison.Ordinal);

    [Theory]
    [InlineData("""{ "name": "a\u0000b" }""", "name")]
    [InlineData("""{ "name": "a\ud800b" }""", "name")]
    [InlineData("""{ "grid": { "activation": ["relu", "\udfff"] } }""", "grid.activation[1]")]
    [InlineData("""{ "fixed": { "bad\u0000name": 1 } }""", "fixed")]
    [InlineData("""{ "fixed": { "bad\ud800": 1 } }""", "fixed")]
    [InlineData("""{ "\u0000": 1 }""", "body")]
    [InlineData("""{ "grid": { "width": [1], "width": [2] } }""", "grid.width")]
    public void CheckJson_NamesThePathOfTheBadString(string json, string path)
    {
        using var document = JsonDocument.Parse(json);
        var errors = new ValidationErrors();

        Assert.False(StoredText.CheckJson(errors, document.RootElement, 100));
        Assert.True(errors.Has(path), string.Join(", ", errors.ToDictionary().Keys));
    }

    [Fact]
    public void CheckJson_OfAStorableDefinition_AddsNothing()
    {
        using var document = JsonDocument.Parse("""{ "name": "ok \ud83d\ude00", "grid": { "width": [1, 2] }, "fixed": { "optimizer": "adam" } }""");
        var errors = new ValidationErrors();

        Assert.True(StoredText.CheckJson(errors, document.RootElement, 100));
        Assert.True(errors.IsEmpty);
    }
}
