using System.Text.Json;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Vfip.Application.Features.Identification;
using Vfip.Application.Features.Identification.Responses;
using Vfip.Domain.Common;

namespace Vfip.Api.Endpoints;

internal static class IdentifyEndpoints
{
    public static void MapIdentifyEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/v1/identify", Identify)
            .WithTags("Identification")
            .WithName("Identify")
            .RequireAuthorization(Security.VfipPolicies.Identify)
            .DisableAntiforgery()
            .WithSummary("Which registered designs is this image? Multipart field 'image', or JSON {\"pdq\": [\"64 hex digits\", ...]}.")
            .WithDescription(
                "Answers {quality, lowQuality, matches[]}: only designs within the match threshold, best first, with their distance, " +
                "score (0..1), the dihedral transform applied to the query, and the matched image. An image too flat to match on " +
                "answers lowQuality: true and no matches. Anonymous callers get public fields only; signed-in users and platform keys " +
                "with the identify scope get every field.");
    }

    private static async Task<Ok<IdentifyResponse>> Identify(
        HttpRequest request, IMediator mediator, MultipartUploadReader reader, CancellationToken cancellationToken)
    {
        var publicOnly = request.HttpContext.User.Identity?.IsAuthenticated != true;
        IRequest<IdentifyResponse> query = request.HasJsonContentType()
            ? new IdentifyHashes.Query(await ReadHashesAsync(request, cancellationToken), publicOnly)
            : new IdentifyImage.Query((await ReadImageQueryAsync(reader, request, cancellationToken)).Image, publicOnly);
        return TypedResults.Ok(await mediator.Send(query, cancellationToken));
    }

    private static async Task<IReadOnlyList<string>?> ReadHashesAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var body = await JsonSerializer.DeserializeAsync<HashesBody>(request.Body, JsonSerializerOptions.Web, cancellationToken);
            return body?.Pdq;
        }
        catch (JsonException exception)
        {
            throw new DomainException(
                ErrorCodes.Requests.InvalidJson, $"The body is not valid JSON of the form {{\"pdq\": [...]}}: {exception.Message}");
        }
    }

    /// <summary>
    /// The multipart body of an image query (identify, verify/image): its first <c>image</c> file (400 <c>image_required</c>
    /// without one), and the form for any small text fields beside it.
    /// </summary>
    internal static async Task<(MultipartUpload Form, byte[] Image)> ReadImageQueryAsync(
        MultipartUploadReader reader, HttpRequest request, CancellationToken cancellationToken)
    {
        var upload = await reader.ReadAsync(
            request, maxImages: 1, withJsonPart: false, "Send multipart/form-data with an 'image' file, or application/json.", cancellationToken);
        var image = await upload.ImageAsync("image", cancellationToken)
            ?? throw new DomainException(ErrorCodes.Images.Required, "Send the image as the multipart field 'image', or JSON {\"pdq\": [...]}.");
        return (upload, image.Bytes);
    }

    private sealed record HashesBody(List<string>? Pdq);
}
