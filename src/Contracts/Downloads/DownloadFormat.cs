namespace GridSearch.Contracts.Downloads;

/// <summary>One format a download endpoint serves: its <paramref name="Name"/> (the endpoint's <c>format</c>
/// query value), its media type (text formats are sent as UTF-8), whether it is <paramref name="Binary"/>
/// (no use on a terminal), the file extension it is saved with, and what it holds.</summary>
public sealed record DownloadFormat(string Name, string MediaType, bool Binary, string Extension, string Description);
