using System.Text.Json;
using MediatR;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Vfip.Application.Common.Options;
using Vfip.Application.Features.Identification;
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
        HttpRequest request, IMediator mediator, IOptions<UploadLimits> limits, CancellationToken cancellationToken)
    {
        var publicOnly = request.HttpContext.User.Identity?.IsAuthenticated != true;
        IRequest<IdentifyResponse> query = request.HasJsonContentType()
            ? new IdentifyHashes.Query(await ReadHashesAsync(request, cancellationToken), publicOnly)
            : new IdentifyImage.Query(await ReadImageAsync(request, limits.Value, cancellationToken), publicOnly);
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

    internal static async Task<ReadOnlyMemory<byte>> ReadImageAsync(HttpRequest request, UploadLimits limits, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            throw new DomainException(ErrorCodes.Requests.UnsupportedMediaType, "Send multipart/form-data with an 'image' file, or application/json.");
        }

        var ceiling = limits.MaxImageBytes + (64 * 1024);
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = ceiling;
        }

        var form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = ceiling }, cancellationToken);
        var file = form.Files.GetFile("image")
            ?? throw new DomainException(ErrorCodes.Images.Required, "Send the image as the multipart field 'image', or JSON {\"pdq\": [...]}.");
        if (file.Length == 0)
        {
            throw new DomainException(ErrorCodes.Images.Empty, "The image is empty.");
        }

        if (file.Length > limits.MaxImageBytes)
        {
            throw new DomainException(ErrorCodes.Images.TooLarge, $"The image is {file.Length} bytes; the limit is {limits.MaxImageBytes}.");
        }

        var bytes = new byte[file.Length];
        await using var stream = file.OpenReadStream();
        await stream.ReadExactlyAsync(bytes, cancellationToken);
        return bytes;
    }

    private sealed record HashesBody(List<string>? Pdq);
}
