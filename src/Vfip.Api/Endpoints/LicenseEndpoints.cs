using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Vfip.Application.Common.Paging;
using Vfip.Application.Features.Licensing;

namespace Vfip.Api.Endpoints;

internal static class LicenseEndpoints
{
    public static void MapLicenseEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var designs = endpoints.MapGroup("/api/v1/designs").WithTags("Licences").RequireAuthorization();
        designs.MapPost("/{id}/offers", CreateOffer).WithName("CreateLicenseOffer")
            .WithSummary("The owner publishes licence terms on a design: {preset} (personal, commercial, remix, exclusive), {terms}, or both (terms override the preset).")
            .WithDescription("""
                Answers 201 with the offer `{id, designId, terms, termsHash, createdAt}`; `terms` is the full canonical document
                whose SHA-256 (`termsHash`) is anchored with every grant made from it. Inconsistent terms are 400 with a code naming
                the rule (`revenue_share_requires_commercial`, `derivative_terms_without_derivatives`, `invalid_territory`,
                `channels_required`, `invalid_fee`, `invalid_validity`, `unknown_channel`, `unknown_preset`, ...). Not the owner: 403.
                A design owned by a self-custody wallet: 409 `wallet_signature_required` (wallet-signed grants are not supported yet).
                """)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        designs.MapGet("/{id}/offers", ListOffers).WithName("ListLicenseOffers")
            .WithSummary("The offers published on a design, newest first (at most 200).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        designs.MapGet("/{id}/licenses", ListForDesign).WithName("ListDesignLicenses")
            .WithSummary("The licences on a design, newest first, every state; paged {items, page, pageSize, total}.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        endpoints.MapPost("/api/v1/offers/{id}/accept", Accept).WithTags("Licences").WithName("AcceptLicenseOffer").RequireAuthorization()
            .WithSummary("Accept an offer as the signed-in licensee: 202 with the licence, status pending until the grant is anchored, then active.")
            .WithDescription("""
                The licence names the licensee's design-owning address (custodial, or their chosen wallet). Its `id` is the on-chain
                licence id (decimal uint256). 409 `design_not_anchored` before the design is on chain; 409 `exclusive_conflict`
                (with `conflictingLicenseId`) when an exclusive licence in force overlaps these terms in channel, territory and time,
                or these terms are exclusive and overlap a licence in force; 400 `own_design` for the design's owner; 404 `offer_not_found`.
                """)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        var licenses = endpoints.MapGroup("/api/v1/licenses").WithTags("Licences").RequireAuthorization();
        licenses.MapGet("/{id}", Get).WithName("GetLicense")
            .WithSummary("One licence: terms, status (pending, active, revoking, revoked, rejected), expired, and the grant's chain record.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        licenses.MapPut("/{id}/terms", PublishTerms).WithName("PublishLicenseTerms")
            .WithSummary("Publish the terms document of a licence granted directly on chain whose terms are unknown (body: the terms JSON). Any signed-in user.")
            .WithDescription("""
                A grant made from a wallet anchors only `termsHash`; until the document is known, the licence shows `terms: null` and
                verification refuses it with `license_terms_unknown`. The body is accepted iff its canonical JSON's SHA-256 equals the
                licence's anchored `termsHash` (every licence with unknown terms under that hash gets it); 200 with the licence. Sending
                the known terms again changes nothing. Invalid terms: 400 with the rule's code; another hash: 409 `terms_hash_mismatch`
                (with `termsHash`, the anchored one); 404 `license_not_found`.
                """)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        licenses.MapPost("/{id}/revoke", Revoke).WithName("RevokeLicense")
            .WithSummary("Revoke an active licence from now on: {reason} (optional). The design's owner, or for a sublicence its parent's holder.")
            .WithDescription("Answers 202 with the licence in `revoking`, then `revoked` once anchored. Anyone else: 403 `not_licensor`; a licence not active yet: 409 `license_not_active`; revoked already: 409 `license_already_revoked`.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        licenses.MapPost("/{id}/sublicenses", Sublicense).WithName("GrantSublicense")
            .WithSummary("The holder of a sublicensable licence grants a sublicence: {licensee: userId, preset?, terms?}, within the parent's terms.")
            .WithDescription("Answers 202 with the sublicence (pending, then active). Terms wider than the parent's: 400 `exceeds_parent` with `excesses`; not the holder: 403 `not_licensee`; parent not active or not sublicensable: 409.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        endpoints.MapGet("/api/v1/me/licenses", ListMine).WithTags("Licences").WithName("ListMyLicenses").RequireAuthorization()
            .WithSummary("The licences the signed-in user holds, newest first; paged.");
    }

    private static async Task<Created<OfferResponse>> CreateOffer(string id, OfferBody body, IMediator mediator, CancellationToken cancellationToken)
    {
        var offer = await mediator.Send(new CreateLicenseOffer.Command(id, body.Preset, body.Terms), cancellationToken);
        return TypedResults.Created($"/api/v1/designs/{id}/offers", offer);
    }

    private static async Task<Ok<IReadOnlyList<OfferResponse>>> ListOffers(string id, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new ListLicenseOffers.Query(id), cancellationToken));

    private static async Task<Ok<PagedList<LicenseResponse>>> ListForDesign(
        string id, IMediator mediator, CancellationToken cancellationToken, int page = 1, int pageSize = Paging.DefaultPageSize) =>
        TypedResults.Ok(await mediator.Send(new ListDesignLicenses.Query(id, page, pageSize), cancellationToken));

    private static async Task<Accepted<LicenseResponse>> Accept(string id, IMediator mediator, CancellationToken cancellationToken)
    {
        var license = await mediator.Send(new AcceptLicenseOffer.Command(id), cancellationToken);
        return TypedResults.Accepted($"/api/v1/licenses/{license.Id}", license);
    }

    private static async Task<Ok<LicenseResponse>> Get(string id, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new GetLicense.Query(id), cancellationToken));

    private static async Task<Ok<LicenseResponse>> PublishTerms(string id, LicenseTermsDocument? terms, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new PublishLicenseTerms.Command(id, terms), cancellationToken));

    private static async Task<Accepted<LicenseResponse>> Revoke(string id, RevokeBody? body, IMediator mediator, CancellationToken cancellationToken)
    {
        var license = await mediator.Send(new RevokeLicense.Command(id, body?.Reason), cancellationToken);
        return TypedResults.Accepted($"/api/v1/licenses/{license.Id}", license);
    }

    private static async Task<Accepted<LicenseResponse>> Sublicense(string id, SublicenseBody body, IMediator mediator, CancellationToken cancellationToken)
    {
        var license = await mediator.Send(new GrantSublicense.Command(id, body.Licensee, body.Preset, body.Terms), cancellationToken);
        return TypedResults.Accepted($"/api/v1/licenses/{license.Id}", license);
    }

    private static async Task<Ok<PagedList<LicenseResponse>>> ListMine(
        IMediator mediator, CancellationToken cancellationToken, int page = 1, int pageSize = Paging.DefaultPageSize) =>
        TypedResults.Ok(await mediator.Send(new ListMyLicenses.Query(page, pageSize), cancellationToken));

    internal sealed record OfferBody(string? Preset, LicenseTermsDocument? Terms);

    internal sealed record RevokeBody(string? Reason);

    internal sealed record SublicenseBody(string? Licensee, string? Preset, LicenseTermsDocument? Terms);
}
