using System.Text.Json;
using GridSearch.Api.Access;
using GridSearch.Api.Hosting;
using GridSearch.Core.Access;
using GridSearch.Domain.Definition;

namespace GridSearch.Api.Keys;

/// <summary>API keys, for admin keys only (or anyone while the service is open, to make the first key).</summary>
public static class KeysApi
{
    public static void MapKeysApi(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/api/keys").WithTags("Keys").RequireAccess(AccessOperation.ManageKeys);
        keys.MapPost("/", CreateKey)
            .Accepts<CreateKeyRequest>("application/json")
            .WithSummary("Create a key: { name, scope: read | submit | admin }. The answer holds its secret, shown this once.");
        keys.MapGet("/", ListKeys).WithSummary("Every key, revoked ones too; never their secrets.");
        keys.MapDelete("/{id:long}", RevokeKey).WithSummary("Revoke a key: requests with it are refused from now on. Its searches stay.");
    }

    public static async Task<Results<Created<ApiKeyCreatedResponse>, ValidationProblem>> CreateKey(
        HttpRequest request, ApiKeyService keys, CancellationToken cancellationToken)
    {
        var fields = new ValidationErrors();
        using var document = await JsonBody.ReadAsync(request, fields, cancellationToken);
        if (document is null)
        {
            return TypedResults.ValidationProblem(fields.ToDictionary(), title: "The key request is not valid JSON.");
        }

        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["must be an object: { \"name\": …, \"scope\": … }."] });
        }

        var name = ReadString(root, "name", fields);
        var scope = ReadString(root, "scope", fields);
        if (root.EnumerateObject().Any(p => p.Name is not ("name" or "scope")))
        {
            fields.Add("body", "a key request has only name and scope.");
        }

        if (!fields.IsEmpty)
        {
            return TypedResults.ValidationProblem(fields.ToDictionary(), title: "The key request has errors.");
        }

        var created = await keys.CreateAsync(name, scope, cancellationToken);
        if (!created.IsValid)
        {
            return TypedResults.ValidationProblem(created.Errors.ToDictionary(), title: "The key request has errors.");
        }

        var key = created.Key!;
        return TypedResults.Created(
            $"/api/keys/{key.Id}",
            new ApiKeyCreatedResponse(key.Id, key.Name, ApiKeyScopeNames.Of(key.Scope), key.CreatedAt, created.Secret!));
    }

    public static async Task<Ok<List<ApiKeyResponse>>> ListKeys(ApiKeyService keys, CancellationToken cancellationToken) =>
        TypedResults.Ok((await keys.ListAsync(cancellationToken)).Select(ApiKeyResponses.From).ToList());

    public static async Task<Results<Ok<ApiKeyResponse>, NotFound>> RevokeKey(long id, ApiKeyService keys, CancellationToken cancellationToken) =>
        await keys.RevokeAsync(id, cancellationToken) is { } key ? TypedResults.Ok(ApiKeyResponses.From(key)) : TypedResults.NotFound();

    private static string? ReadString(JsonElement root, string field, ValidationErrors errors)
    {
        if (!root.TryGetProperty(field, out var element))
        {
            errors.Add(field, "is required.");
            return null;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            errors.Add(field, "must be a string.");
            return null;
        }

        return StoredText.Text(element, field, errors);
    }
}
