using MediatR;
using Microsoft.EntityFrameworkCore;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Common.Security;
using Vfip.Domain.Common;

namespace Vfip.Application.Features.Designs;

/// <summary>
/// Serves the stored bytes behind a design: its metadata document (what tokenURI points at) or one of
/// its images, exactly as registered.
/// </summary>
public static class GetDesignContent
{
    /// <param name="ImageIndex">The image to read, or null for the metadata document.</param>
    public sealed record Query(string DesignId, int? ImageIndex) : IRequest<Content>, IDesignRequest
    {
        public DesignAccess Access => DesignAccess.Read;
    }

    public sealed record Content(Stream Stream, string MediaType, string Sha256);

    internal sealed class Handler(IVfipDbContext db, IBlobStore blobs) : IRequestHandler<Query, Content>
    {
        public async Task<Content> Handle(Query query, CancellationToken cancellationToken)
        {
            var design = await db.Designs.AsNoTracking().FirstOrDefaultAsync(d => d.Id == query.DesignId, cancellationToken)
                ?? throw GetDesign.DesignNotFound(query.DesignId);

            var (sha256, mediaType) = query.ImageIndex is { } index
                ? design.Images.FirstOrDefault(i => i.Index == index) is { } image
                    ? (image.Sha256, image.MediaType)
                    : throw new DomainException(ErrorCodes.Designs.ImageNotFound, $"Design '{design.Id}' has no image {index}.")
                : (design.MetadataHash[2..], "application/json");

            var stream = await blobs.OpenAsync(sha256, cancellationToken)
                ?? throw new InvalidOperationException($"Blob {sha256} of design {design.Id} is missing from the blob store.");
            return new Content(stream, mediaType, sha256);
        }
    }
}
