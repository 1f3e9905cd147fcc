namespace GridSearch.Cli.Commands;

/// <summary>Where a download goes (<see cref="Download"/>): in which format, to which file (null: standard output).</summary>
internal sealed record DownloadTarget(DownloadFormat Format, FileInfo? File);
