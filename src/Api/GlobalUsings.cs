// Every endpoint answers with typed results (Results<Ok<T>, NotFound, ...>).
global using Microsoft.AspNetCore.Http.HttpResults;
