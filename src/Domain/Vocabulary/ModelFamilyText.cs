namespace GridSearch.Domain.Vocabulary;

/// <summary>How a model family reads in a sentence: "MLP", "an MLP", "a CNN". The names are initialisms, read
/// letter by letter, so the article follows the sound of the first letter's name (an F, an M; a C, a D).</summary>
public static class ModelFamilyText
{
    /// <summary>Letters whose names start with a vowel sound.</summary>
    private const string VowelSoundLetters = "AEFHILMNORSX";

    /// <summary>The JSON name in capitals: "MLP", "CNN".</summary>
    public static string Name(ModelFamily model) => EnumNames.Of(model).ToUpperInvariant();

    /// <summary>"an MLP", "a CNN".</summary>
    public static string WithArticle(ModelFamily model)
    {
        var name = Name(model);
        return (VowelSoundLetters.Contains(name[0], StringComparison.Ordinal) ? "an " : "a ") + name;
    }
}
