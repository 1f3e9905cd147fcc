using GridSearch.Domain.Definition;
using GridSearch.Domain.Vocabulary;

namespace GridSearch.Domain.Tests.Definition;

public sealed class DidYouMeanTests
{
    [Theory]
    [InlineData("widht", "width", 1)]
    [InlineData("stratgy", "strategy", 1)]
    [InlineData("Width", "width", 0)]
    [InlineData("mnsit", "mnist", 1)]
    [InlineData("depth", "width", 3)]
    [InlineData("ca", "abc", 3)]
    public void Distance_CountsInsertionsDeletionsSubstitutionsAndSwapsOfNeighbours_CaseIgnored(string a, string b, int expected)
    {
        Assert.Equal(expected, DidYouMean.Distance(a, b));
        Assert.Equal(expected, DidYouMean.Distance(b, a));
    }

    [Fact]
    public void Nearest_OfAMisspelledAxis_IsTheAxisFromTheCatalog()
    {
        var axes = AxisCatalog.All.Select(a => a.Name).ToList();

        Assert.Equal(["width"], DidYouMean.Nearest("widht", axes));
        Assert.Equal(["learningRate"], DidYouMean.Nearest("learningrate", axes));
        Assert.Equal(["mnist"], DidYouMean.Nearest("mnsit", EnumNames.Choices<Dataset>()));
        Assert.Equal(["fashion-mnist"], DidYouMean.Nearest("fashion_mnist", EnumNames.Choices<Dataset>()));
    }

    [Fact]
    public void Nearest_WhenNothingIsWithinAThirdOfTheName_IsEmpty_AndTheHintNull()
    {
        var axes = AxisCatalog.All.Select(a => a.Name).ToList();

        Assert.Empty(DidYouMean.Nearest("lr", axes));
        Assert.Empty(DidYouMean.Nearest("colour", axes));
        Assert.Null(DidYouMean.Hint("imagenet", EnumNames.Choices<Dataset>()));
    }

    [Fact]
    public void Hint_NamesEveryCandidateAtTheLeastDistance_InTheCandidatesOrder()
    {
        Assert.Equal("did you mean 'width'?", DidYouMean.Hint("widht", ["depth", "width"]));
        Assert.Equal("did you mean 'cat' or 'car'?", DidYouMean.Hint("cax", ["cat", "car", "bus"]));
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(5, 1)]
    [InlineData(7, 2)]
    [InlineData(30, 3)]
    public void MaxDistance_IsAThirdOfTheLength_From1To3(int length, int expected) =>
        Assert.Equal(expected, DidYouMean.MaxDistance(length));
}
