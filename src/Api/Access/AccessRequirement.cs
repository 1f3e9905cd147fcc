using GridSearch.Core.Access;
using Microsoft.AspNetCore.Authorization;

namespace GridSearch.Api.Access;

/// <summary>An endpoint's need: the operation <see cref="AccessRules"/> must allow for the caller.</summary>
public sealed record AccessRequirement(AccessOperation Operation) : IAuthorizationRequirement;
