namespace GridSearch.Cli.Commands;

/// <summary>A command about one search: gridsearch NAME ID [options], run with the search's id.</summary>
internal abstract class SearchCommand(CliContext context, string name, string description)
    : IdCommand(context, name, description, CommonOptions.SearchId());
