namespace GridSearch.Cli.Export;

internal enum ExportFormat
{
    Csv,
    Json,
}
