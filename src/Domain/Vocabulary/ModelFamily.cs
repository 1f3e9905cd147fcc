namespace GridSearch.Domain.Vocabulary;

/// <summary>The network a search trains: dense layers only, or convolution blocks then dense layers.</summary>
public enum ModelFamily
{
    Mlp,
    Cnn,
}
