using System.Text.Json;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Vfip.Application.Features.Verification;
using Vfip.Application.Features.Verification.Responses;
using Vfip.Domain.Common;

namespace Vfip.Api.Endpoints;

internal static class VerifyEndpoints
{
    public static void MapVerifyEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var verify = endpoints.MapGroup("/api/v1/verify").WithTags("Verification").RequireAuthorization(Security.VfipPolicies.Verify);

        verify.MapGet("/", Verify).WithName("VerifyRights")
            .WithSummary("May this holder use this design like this? ?designId=&holder=&use=&commercial=&platform=&territory=&at=")
            .WithDescription("""
                `holder` is a user id or an address; `use` a channel (games, ar, avatar, nft, ecommerce, film); `commercial`
                true|false; `platform` a platform name; `territory` an ISO 3166-1 alpha-2 code; `at` an ISO-8601 time (default now).
                A parameter left out is not checked. Answers `{allowed, reasons[], design, license, proof}`: `proof` is the chain
                record (chainId, contract, txHash, blockNumber, logIndex) of the licence's grant, or of the registration when the
                holder owns the design. Reasons: design_not_found, design_not_anchored, no_license, license_pending, license_rejected,
                license_revoked, license_not_started, license_expired, channel_not_licensed, commercial_use_not_licensed,
                platform_not_licensed, territory_not_licensed, parent_license_not_valid. Anonymous callers get no user ids.
                """)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        verify.MapPost("/batch", Batch).WithName("VerifyRightsBatch")
            .WithSummary("Up to 100 checks: {checks: [{designId, holder, use, commercial, platform, territory, at}]} → {results: [...]}, in order.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        verify.MapPost("/image", Image).WithName("VerifyImageRights").DisableAntiforgery()
            .WithSummary("Verification from an upload: multipart 'image' + fields holder, use, commercial, platform, territory, at; or JSON {pdq: [...], holder, ...}.")
            .WithDescription("Identifies the image as `POST /api/v1/identify` does and answers `{quality, lowQuality, results: [{match, verification}]}`, one per matching design, best first.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
    }

    private static async Task<Ok<VerificationResult>> Verify(
        HttpContext context, IMediator mediator, CancellationToken cancellationToken,
        string? designId = null, string? holder = null, string? use = null, bool? commercial = null, string? platform = null, string? territory = null, string? at = null) =>
        TypedResults.Ok(await mediator.Send(
            new VerifyRights.Query(new RightsCheck(designId, holder, use, commercial, platform, territory, at), PublicOnly(context)), cancellationToken));

    private static async Task<Ok<VerifyRightsBatch.Result>> Batch(BatchBody body, HttpContext context, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new VerifyRightsBatch.Query(body.Checks, PublicOnly(context)), cancellationToken));

    private static async Task<Ok<VerifyImageRights.Result>> Image(
        HttpRequest request, IMediator mediator, MultipartUploadReader reader, CancellationToken cancellationToken)
    {
        VerifyImageRights.Query query;
        if (request.HasJsonContentType())
        {
            ImageBody? body;
            try
            {
                body = await JsonSerializer.DeserializeAsync<ImageBody>(request.Body, JsonSerializerOptions.Web, cancellationToken);
            }
            catch (JsonException exception)
            {
                throw new DomainException(ErrorCodes.Requests.InvalidJson, $"The body is not valid JSON: {exception.Message}");
            }

            body ??= new ImageBody(null, null, null, null, null, null, null);
            query = new VerifyImageRights.Query(
                null, body.Pdq, new RightsCheck(null, body.Holder, body.Use, body.Commercial, body.Platform, body.Territory, body.At), PublicOnly(request.HttpContext));
        }
        else
        {
            var (form, image) = await IdentifyEndpoints.ReadImageQueryAsync(reader, request, cancellationToken);
            bool? commercial = form.Field("commercial") is { } text
                ? bool.TryParse(text, out var flag) ? flag : throw new DomainException(ErrorCodes.Verification.InvalidCommercial, "commercial is true or false.")
                : null;
            query = new VerifyImageRights.Query(
                image, null,
                new RightsCheck(null, form.Field("holder"), form.Field("use"), commercial, form.Field("platform"), form.Field("territory"), form.Field("at")),
                PublicOnly(request.HttpContext));
        }

        return TypedResults.Ok(await mediator.Send(query, cancellationToken));
    }

    private static bool PublicOnly(HttpContext context) => context.User.Identity?.IsAuthenticated != true;

    internal sealed record BatchBody(IReadOnlyList<RightsCheck>? Checks);

    internal sealed record ImageBody(
        IReadOnlyList<string>? Pdq, string? Holder, string? Use, bool? Commercial, string? Platform, string? Territory, string? At);
}
