using GridSearch.Core.Access;
using Microsoft.AspNetCore.Authorization;

namespace GridSearch.Api.Access;

/// <summary>Decides an <see cref="AccessRequirement"/> by <see cref="AccessRules"/>. A failure for a caller
/// without a valid key becomes a 401, for one with a key a 403 (the authorization middleware's choice).</summary>
public sealed class AccessRequirementHandler : AuthorizationHandler<AccessRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, AccessRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requirement);
        if (context.Resource is not HttpContext http)
        {
            return;
        }

        var caller = context.User.Caller();
        if (caller.IsAnonymous && ApiKeyAuthenticationHandler.PresentsCredential(http.Request))
        {
            return;
        }

        var gate = http.RequestServices.GetRequiredService<AccessGate>();
        if (await gate.AllowsAsync(caller, requirement.Operation, http.RequestAborted))
        {
            context.Succeed(requirement);
        }
    }
}
