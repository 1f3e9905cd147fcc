// The JSON shapes the API answers with, read as the API writes them.
global using GridSearch.Contracts.Analysis;
global using GridSearch.Contracts.Keys;
global using GridSearch.Contracts.Leaderboard;
global using GridSearch.Contracts.Searches;
global using GridSearch.Contracts.Trials;
global using GridSearch.Contracts.Vocabulary;
