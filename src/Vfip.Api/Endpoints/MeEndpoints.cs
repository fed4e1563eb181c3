using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Vfip.Application.Common.Options;
using Vfip.Application.Common.Paging;
using Vfip.Application.Features.Accounts;
using Vfip.Application.Features.Designs;
using Vfip.Application.Features.Wallets;
using Vfip.Infrastructure;

namespace Vfip.Api.Endpoints;

internal static class MeEndpoints
{
    public static void MapMeEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var me = endpoints.MapGroup("/api/v1/me").WithTags("Me").RequireAuthorization();

        me.MapGet("/", Get).WithName("GetMe")
            .WithSummary("The signed-in account: {id, email, roles[], address, custody, custodialAddress, wallets[]}; address owns new designs.");
        me.MapGet("/approvals", Approvals).WithName("ListApprovalRequests")
            .WithSummary("Derivatives asking me, as their parent's current owner, for approval; newest first, optionally by status.")
            .WithDescription("Paged: `page` from 1, `pageSize` 1..200 (default 50); `status` is `pending`, `approved` or `refused`. " +
                "Answers `{items, page, pageSize, total}`; decide with `POST /api/v1/designs/{designId}/approvals/{parentDesignId}`.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        me.MapPut("/custody", ChooseCustody).WithName("ChooseDesignCustody")
            .WithSummary("Who owns new designs: {\"custody\": \"custodial\"} or {\"custody\": \"wallet\", \"address\": \"0x… (a linked wallet)\"}.");
        me.MapPost("/wallets/nonce", Nonce).WithName("IssueWalletNonce")
            .WithSummary("A single-use nonce for a Sign-In with Ethereum (EIP-4361) message that links a wallet.");
        me.MapPost("/wallets", Link).WithName("LinkWallet")
            .WithSummary("Link a wallet: {message, signature}, the EIP-4361 message and its personal_sign signature.");
        me.MapPost("/custodial-key/export", Export).WithName("ExportCustodialKey")
            .WithSummary("The custodial private key, to its owner only, after the password is entered again: {password}.");
    }

    private static async Task<Ok<MeResponse>> Get(IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new GetMe.Query(), cancellationToken));

    private static async Task<Ok<PagedList<ApprovalRequestResponse>>> Approvals(
        IMediator mediator, CancellationToken cancellationToken, string? status = null, int page = 1, int pageSize = Paging.DefaultPageSize) =>
        TypedResults.Ok(await mediator.Send(new ListApprovalRequests.Query(status, page, pageSize), cancellationToken));

    private static async Task<Ok<MeResponse>> ChooseCustody(CustodyBody body, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new ChooseDesignCustody.Command(body.Custody, body.Address), cancellationToken));

    private static async Task<Ok<IssueWalletNonce.Result>> Nonce(IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new IssueWalletNonce.Command(), cancellationToken));

    private static async Task<Ok<LinkWallet.WalletLinked>> Link(
        LinkBody body, IOptions<AuthOptions> auth, IOptions<VfipOptions> vfip, IMediator mediator, CancellationToken cancellationToken)
    {
        // EIP-4361's domain is the authority the user was on. It comes from configuration only, never from the
        // request: a phishing site posting a message made out to itself would simply send its own Host header.
        var publicBase = new Uri(vfip.Value.PublicBaseUrl);
        var domain = auth.Value.SiweDomain is { Length: > 0 } configured ? configured : publicBase.Authority;
        var origin = new Uri($"{publicBase.Scheme}://{domain}");
        return TypedResults.Ok(await mediator.Send(new LinkWallet.Command(body.Message, body.Signature, domain, origin), cancellationToken));
    }

    private static async Task<Ok<ExportCustodialKey.Result>> Export(
        PasswordBody body, HttpResponse response, IMediator mediator, CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new ExportCustodialKey.Command(body.Password), cancellationToken);
        response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(result);
    }

    internal sealed record CustodyBody(DesignCustody? Custody, string? Address);

    internal sealed record LinkBody(string? Message, string? Signature);

    internal sealed record PasswordBody(string? Password)
    {
        public override string ToString() => "PasswordBody { Password = *** }";
    }
}
