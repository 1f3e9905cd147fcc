using System.Text.Json.Serialization;

namespace GridSearch.Domain.Vocabulary;

/// <summary>The image datasets a search trains on; the name is also the data folder's.</summary>
public enum Dataset
{
    Mnist,
    [JsonStringEnumMemberName("fashion-mnist")]
    FashionMnist,
}
