namespace GridSearch.Cli.Commands;

/// <summary>A command about one trial: gridsearch NAME TRIAL [options], run with the trial's id.</summary>
internal abstract class TrialCommand(CliContext context, string name, string description)
    : IdCommand(context, name, description, CommonOptions.TrialId());
