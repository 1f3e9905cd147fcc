namespace GridSearch.Cli.Api;

/// <summary>No answer from the API at all: refused, unknown host, timed out or dropped.</summary>
internal sealed class ApiUnreachableException(string address, string reason, Exception? inner = null)
    : Exception($"cannot reach the GridSearch API at {address} ({reason})", inner)
{
    public string Address { get; } = address;
    public string Reason { get; } = reason;
}
