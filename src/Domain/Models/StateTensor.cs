namespace GridSearch.Domain.Models;

/// <summary>One tensor of a model's state: its PyTorch state_dict key ("3.weight", "4.running_var"),
/// its shape, and where its values start in the flat float32 state.</summary>
public sealed record StateTensor(string Name, IReadOnlyList<int> Shape, int Offset)
{
    public int Count => Shape.Aggregate(1, (product, size) => product * size);
}
