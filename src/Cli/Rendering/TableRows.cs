using Spectre.Console;
using Spectre.Console.Rendering;

namespace GridSearch.Cli.Rendering;

internal static class TableRows
{
    /// <summary>The CLI's one table style: a rule under the headers, no box, so tables copy as text.</summary>
    public static Table NewTable() => new Table().Border(TableBorder.Simple);

    /// <summary>Adds cells as plain text: values from the API are never read as markup.</summary>
    public static Table AddTextRow(this Table table, IEnumerable<string> cells)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.AddRow(cells.Select(c => (IRenderable)new Text(c)));
    }

    public static Table AddRightAlignedColumns(this Table table, params string[] headers)
    {
        ArgumentNullException.ThrowIfNull(table);
        foreach (var header in headers)
        {
            table.AddColumn(new TableColumn(Markup.Escape(header)).RightAligned());
        }

        return table;
    }

    public static Table AddLeftAlignedColumns(this Table table, IEnumerable<string> headers)
    {
        ArgumentNullException.ThrowIfNull(table);
        foreach (var header in headers)
        {
            table.AddColumn(new TableColumn(Markup.Escape(header)));
        }

        return table;
    }
}
