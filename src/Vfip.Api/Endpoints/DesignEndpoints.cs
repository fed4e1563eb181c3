using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Vfip.Application.Common.Paging;
using Vfip.Application.Features.Designs;

namespace Vfip.Api.Endpoints;

internal static class DesignEndpoints
{
    public static void MapDesignEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var designs = endpoints.MapGroup("/api/v1/designs").WithTags("Designs");

        designs.MapPost("/", Register).WithName("RegisterDesign").RequireAuthorization().DisableAntiforgery()
            .Accepts<IFormFile>("multipart/form-data")
            .WithSummary("Register a design: 'images' files + a 'metadata' JSON part. 202 while it is anchored on chain.");
        designs.MapGet("/", List).WithName("ListDesigns").RequireAuthorization()
            .WithSummary("List designs, newest first; owner=me for one's own.");
        designs.MapGet("/{id}", Get).WithName("GetDesign").RequireAuthorization();
        designs.MapGet("/{id}/metadata.json", Metadata).WithName("GetDesignMetadata").AllowAnonymous()
            .WithSummary("The ERC-721 metadata document tokenURI points at; its SHA-256 is anchored on chain.");
        designs.MapGet("/{id}/images/{index:int}", Image).WithName("GetDesignImage").AllowAnonymous()
            .WithSummary("An image of a design, byte for byte as registered.");
    }

    private static async Task<Results<Accepted<DesignResponse>, Ok<DesignResponse>>> Register(
        HttpRequest request, DesignUploadReader reader, IMediator mediator, CancellationToken cancellationToken)
    {
        var command = await reader.ReadAsync(request, request.HttpContext.User.UserId(), cancellationToken);
        var result = await mediator.Send(command, cancellationToken);
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

    private static async Task<FileStreamHttpResult> Metadata(string id, IMediator mediator, CancellationToken cancellationToken) =>
        Stream(await mediator.Send(new GetDesignContent.Query(id, ImageIndex: null), cancellationToken));

    private static async Task<FileStreamHttpResult> Image(string id, int index, IMediator mediator, CancellationToken cancellationToken) =>
        Stream(await mediator.Send(new GetDesignContent.Query(id, index), cancellationToken));

    // Content-addressed bytes never change, so their hash is a perfect ETag and they may be cached for ever.
    private static FileStreamHttpResult Stream(GetDesignContent.Content content) =>
        TypedResults.Stream(content.Stream, content.MediaType, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{content.Sha256}\""));
}
