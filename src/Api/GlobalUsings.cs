// Every endpoint answers with typed results (Results<Ok<T>, NotFound, ...>).
global using Microsoft.AspNetCore.Http.HttpResults;
// The JSON shapes every endpoint answers with, shared with the CLI.
global using GridSearch.Contracts.Keys;
global using GridSearch.Contracts.Leaderboard;
global using GridSearch.Contracts.Models;
global using GridSearch.Contracts.Searches;
global using GridSearch.Contracts.Trials;
global using GridSearch.Contracts.Vocabulary;
