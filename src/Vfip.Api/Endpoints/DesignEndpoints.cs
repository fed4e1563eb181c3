using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Vfip.Api.Security;
using Vfip.Application.Common.Diagnostics;
using Vfip.Application.Common.Paging;
using Vfip.Application.Features.Designs;
using Vfip.Application.Features.Designs.Responses;
using Vfip.Domain.Common;

namespace Vfip.Api.Endpoints;

internal static class DesignEndpoints
{
    public static void MapDesignEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var designs = endpoints.MapGroup("/api/v1/designs").WithTags("Designs");

        designs.MapPost("/", Register).WithName("RegisterDesign").RequireAuthorization(VfipPolicies.Designer).DisableAntiforgery()
            .Accepts<IFormFile>("multipart/form-data")
            .WithSummary("Register a design: 'images' files + a 'metadata' JSON part. 202 while it is anchored on chain.")
            .WithDescription("""
                multipart/form-data with one or more `images` files (PNG, JPEG, WebP or GIF; at most 8, 20 MB and 40 megapixels
                each) and a `metadata` part holding JSON `{"title": "...", "description": "...", "category": "outerwear", "tags": ["silk"]}`
                (title required; category one of top, bottom, dress, outerwear, footwear, bag, headwear, accessory, jewelry,
                full_look, textile, other). Answers 202 with the design (`status: "pending"`) and its Location; poll it until
                `status` is `anchored`. When the caller chose a linked wallet to own new designs, the 202 carries
                `status: "awaiting_signature"` and `signatureRequest` (EIP-712 typed data and deadline): sign it with the wallet and
                POST it to `/api/v1/designs/{id}/signature`. A derivative (`parents: [{designId, licenseId}]`) under a licence that
                requires approval answers `status: "awaiting_approval"` with `approvals`, held until each such parent's owner decides
                (`POST /api/v1/designs/{id}/approvals/{parentDesignId}`). Needs the `designer` role (403 otherwise). The same images again by the same owner: 200 with the existing design. By another owner,
                or any image already in another owner's design: 409 `design_already_registered` with `existingDesignId`.
                Bad input: 400 (`validation_failed`, `invalid_metadata`, `unsupported_image_format`, ...), 413 `image_too_large`.
                """)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        designs.MapGet("/", List).WithName("ListDesigns").RequireAuthorization()
            .WithSummary("List designs, newest first; owner=me for one's own.")
            .WithDescription("Paged: `page` from 1, `pageSize` 1..200 (default 50). Answers `{items, page, pageSize, total}`; `owner` is `me` or a user id.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        designs.MapGet("/{id}", Get).WithName("GetDesign").RequireAuthorization()
            .WithSummary("One design: status, images with their fingerprints, and the on-chain record once anchored.")
            .WithDescription("`chain` is null while pending; once anchored it holds chainId, contract, tokenId (decimal string), txHash, blockNumber and logIndex, which anyone can check on the chain itself.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        designs.MapPost("/{id}/signature", Sign).WithName("SubmitDesignSignature").RequireAuthorization()
            .WithSummary("The owner's EIP-712 signature of a wallet-owned registration: {signature}. Moves it to pending; VFIP relays it.")
            .WithDescription("Only for a design in `awaiting_signature` (409 `design_not_awaiting_signature` otherwise). The signature " +
                "(65 bytes, 0x hex) must be the owner wallet's eth_signTypedData_v4 of the design's `signatureRequest.typedData` " +
                "(400 `invalid_signature`), before its deadline (400 `signature_expired`). Not the owner: 403; a design you cannot see: 404.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        designs.MapPost("/{id}/transfer", Transfer).WithName("TransferDesign").RequireAuthorization()
            .WithSummary("The owner transfers the design: {\"to\": userId or address}. 202 while the ERC-721 transfer is anchored.")
            .WithDescription("The recipient is a user id, or an address that is a user's custodial address or linked wallet (400 `unknown_recipient` " +
                "otherwise). The owner's custodial key signs the transfer (409 `wallet_signature_required` for a wallet-owned design). The answer " +
                "carries `pendingTransfer` until the chain has moved the token; then `owner` is the recipient. Licences stay with the design. " +
                "409 `transfer_pending`, `design_not_anchored`; 400 `transfer_to_self`, `recipient_required`; not the owner: 403.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        designs.MapPost("/{id}/approvals/{parentDesignId}", DecideApproval).WithName("DecideDerivativeApproval").RequireAuthorization()
            .WithSummary("The current owner of a parent decides on a derivative held for approval: {approve: true|false, reason}.")
            .WithDescription("For a derivative in `awaiting_approval` made under a licence whose terms require approval. The last approval " +
                "releases it into a normal registration (pending, anchored, lineage); a refusal (`reason` required) rejects it. Approving " +
                "re-checks the licence (409 `derivative_no_longer_licensed`). 403 `not_parent_owner`; 404 `approval_not_found`; " +
                "409 `approval_already_decided`; 400 `approve_required`, `reason_required`.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        designs.MapGet("/{id}/provenance", Provenance).WithName("GetDesignProvenance").RequireAuthorization()
            .WithSummary("The design's history on chain, oldest first: registration, transfers, royalty, licence grants and revocations, derivative links.")
            .WithDescription("Read from both contracts' logs (filtered by the token id), so transfers and grants made directly from a wallet appear too. " +
                "Each event has `kind` (registered, transferred, royalty_set, license_granted, license_revoked, derivative_registered, derivative_of) and " +
                "`chain` {chainId, contract, tokenId, txHash, blockNumber, logIndex}. Empty `events` before the design is anchored.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        designs.MapGet("/{id}/metadata.json", Metadata).WithName("GetDesignMetadata").AllowAnonymous()
            .WithSummary("The ERC-721 metadata document tokenURI points at; its SHA-256 is anchored on chain.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        designs.MapGet("/{id}/images/{index:int}", Image).WithName("GetDesignImage").AllowAnonymous()
            .WithSummary("An image of a design, byte for byte as registered (index from 0); its SHA-256 is the ETag.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Accepted<DesignResponse>, Ok<DesignResponse>>> Register(
        HttpRequest request, RegisterDesignForm form, IMediator mediator, VfipMetrics metrics, CancellationToken cancellationToken)
    {
        var command = await form.ReadAsync(request, request.HttpContext.User.UserId(), cancellationToken);
        RegisterDesign.Result result;
        try
        {
            result = await mediator.Send(command, cancellationToken);
        }
        catch (DomainException refused) when (refused.Kind == ErrorKind.Conflict)
        {
            metrics.Registration("conflict");
            throw;
        }

        metrics.Registration(result.Created ? "accepted" : "existing");
        return result.Created
            ? TypedResults.Accepted($"/api/v1/designs/{result.Design.Id}", result.Design)
            : TypedResults.Ok(result.Design);
    }

    private static async Task<Ok<PagedList<DesignResponse>>> List(
        HttpContext context, IMediator mediator, CancellationToken cancellationToken, string? owner = null, int page = 1, int pageSize = Paging.DefaultPageSize)
    {
        var ownerUserId = owner == "me" ? context.User.UserId() : owner;
        return TypedResults.Ok(await mediator.Send(new ListDesigns.Query(ownerUserId, page, pageSize), cancellationToken));
    }

    private static async Task<Ok<DesignResponse>> Get(string id, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new GetDesign.Query(id), cancellationToken));

    private static async Task<Ok<DesignResponse>> Sign(string id, SignatureBody body, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new SubmitDesignSignature.Command(id, body.Signature), cancellationToken));

    private static async Task<FileStreamHttpResult> Metadata(string id, IMediator mediator, CancellationToken cancellationToken) =>
        Stream(await mediator.Send(new GetDesignContent.Query(id, ImageIndex: null), cancellationToken));

    private static async Task<FileStreamHttpResult> Image(string id, int index, IMediator mediator, CancellationToken cancellationToken) =>
        Stream(await mediator.Send(new GetDesignContent.Query(id, index), cancellationToken));

    private static async Task<Accepted<DesignResponse>> Transfer(string id, TransferBody body, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Accepted($"/api/v1/designs/{id}", await mediator.Send(new TransferDesign.Command(id, body.To), cancellationToken));

    private static async Task<Ok<GetDesignProvenance.Result>> Provenance(string id, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new GetDesignProvenance.Query(id), cancellationToken));

    private static async Task<Ok<DesignResponse>> DecideApproval(
        string id, string parentDesignId, ApprovalBody body, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new DecideDerivativeApproval.Command(id, parentDesignId, body.Approve, body.Reason), cancellationToken));

    internal sealed record SignatureBody(string? Signature);

    internal sealed record ApprovalBody(bool? Approve, string? Reason);

    internal sealed record TransferBody(string? To);

    // Content-addressed bytes never change, so their hash is a perfect ETag and they may be cached for ever.
    private static FileStreamHttpResult Stream(GetDesignContent.Content content) =>
        TypedResults.Stream(content.Stream, content.MediaType, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{content.Sha256}\""));
}
