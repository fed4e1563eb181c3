using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Vfip.Api.Security;
using Vfip.Application.Common.Paging;
using Vfip.Application.Features.Admin;
using Vfip.Application.Features.Admin.Responses;

namespace Vfip.Api.Endpoints;

/// <summary>Accounts, roles, platform keys and the audit log: admins only. Admins manage people and keys, never designs.</summary>
internal static class AdminEndpoints
{
    public static void MapAdminEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/api/v1/admin").WithTags("Admin").RequireAuthorization(VfipPolicies.Admin);

        admin.MapGet("/accounts", ListAccounts).WithName("ListAccounts")
            .WithSummary("Accounts by e-mail address (email= filters by a part of it), paged.");
        admin.MapGet("/accounts/{id}", GetAccount).WithName("GetAccount");
        admin.MapPut("/accounts/{id}/roles", SetRoles).WithName("SetAccountRoles")
            .WithSummary("Set exactly the roles an account holds: {\"roles\": [\"designer\", \"licensee\", \"platform\", \"arbiter\", \"admin\"]}.");
        admin.MapPost("/accounts/{id}/unlock", Unlock).WithName("UnlockAccount")
            .WithSummary("End a lockout after repeated failed logins.");
        admin.MapGet("/platform-keys", ListKeys).WithName("ListPlatformKeys");
        admin.MapPost("/platform-keys", IssueKey).WithName("IssuePlatformKey")
            .WithSummary("Issue an API key to a platform organisation: {organisation, scopes[], expiresAt?}. The key is in this answer only.");
        admin.MapPost("/platform-keys/{id}/revoke", RevokeKey).WithName("RevokePlatformKey");
        admin.MapGet("/audit", Audit).WithName("ReadAuditLog")
            .WithSummary("Security events, newest first: type= and subject= filter.");
    }

    private static async Task<Ok<PagedList<AccountResponse>>> ListAccounts(
        IMediator mediator, CancellationToken cancellationToken, string? email = null, int page = 1, int pageSize = Paging.DefaultPageSize) =>
        TypedResults.Ok(await mediator.Send(new Application.Features.Admin.ListAccounts.Query(email, page, pageSize), cancellationToken));

    private static async Task<Ok<AccountResponse>> GetAccount(string id, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new Application.Features.Admin.GetAccount.Query(id), cancellationToken));

    private static async Task<Ok<AccountResponse>> SetRoles(string id, RolesBody body, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new SetAccountRoles.Command(id, body.Roles), cancellationToken));

    private static async Task<Ok<AccountResponse>> Unlock(string id, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new UnlockAccount.Command(id), cancellationToken));

    private static async Task<Ok<PagedList<PlatformKeyResponse>>> ListKeys(
        IMediator mediator, CancellationToken cancellationToken, int page = 1, int pageSize = Paging.DefaultPageSize) =>
        TypedResults.Ok(await mediator.Send(new ListPlatformKeys.Query(page, pageSize), cancellationToken));

    private static async Task<Created<IssuePlatformKey.Result>> IssueKey(
        IssueKeyBody body, HttpResponse response, IMediator mediator, CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new IssuePlatformKey.Command(body.Organisation, body.Scopes, body.ExpiresAt), cancellationToken);
        response.Headers.CacheControl = "no-store";
        return TypedResults.Created($"/api/v1/admin/platform-keys/{result.Key.Id}", result);
    }

    private static async Task<Ok<PlatformKeyResponse>> RevokeKey(string id, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new RevokePlatformKey.Command(id), cancellationToken));

    private static async Task<Ok<PagedList<AuditEventResponse>>> Audit(
        IMediator mediator, CancellationToken cancellationToken, string? type = null, string? subject = null, int page = 1, int pageSize = Paging.DefaultPageSize) =>
        TypedResults.Ok(await mediator.Send(new ReadAuditLog.Query(type, subject, page, pageSize), cancellationToken));

    internal sealed record RolesBody(IReadOnlyList<string>? Roles);

    internal sealed record IssueKeyBody(string? Organisation, IReadOnlyList<string>? Scopes, DateTime? ExpiresAt);
}
