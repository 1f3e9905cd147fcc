using GridSearch.Cli;

return await CliApp.RunAsync(args, http: null, TerminalConsole.Create(), Console.Error);
