using System.Text.Json;
using Microsoft.Extensions.Options;
using Vfip.Domain.Common;
using Vfip.Application.Common.Options;
using Vfip.Application.Features.Designs;

namespace Vfip.Api.Endpoints;

/// <summary>
/// The registration's form: <c>images</c> files and a <c>metadata</c> JSON part, read by the
/// <see cref="MultipartUploadReader"/> within the upload limits, into a command.
/// </summary>
internal sealed class RegisterDesignForm(MultipartUploadReader reader, IOptions<UploadLimits> options)
{
    private const string Expected = "Send multipart/form-data with 'images' files and a 'metadata' JSON part.";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    private readonly UploadLimits _limits = options.Value;

    public async Task<RegisterDesign.Command> ReadAsync(HttpRequest request, string userId, CancellationToken cancellationToken)
    {
        // Only this endpoint takes big bodies: its ceiling is the most images at the largest size, plus metadata.
        var upload = await reader.ReadAsync(request, _limits.MaxImagesPerDesign, withJsonPart: true, Expected, cancellationToken);
        var metadata = await upload.JsonAsync<DesignMetadata>("metadata", Json, cancellationToken)
            ?? throw new DomainException(ErrorCodes.Designs.MetadataRequired, "Send a 'metadata' part with JSON: {\"title\": ..., \"category\": ..., \"tags\": [...]}.");
        var images = (await upload.ImagesAsync("images", _limits.MaxImagesPerDesign, cancellationToken))
            .Select(file => new RegisterDesign.UploadedImage(file.FileName, file.Bytes))
            .ToList();

        var royalty = metadata.Royalty is { } r
            ? new Domain.Designs.Royalty(r.Bps ?? 0, (r.Splits ?? []).Select(s => new Domain.Designs.RoyaltySplit(s.To ?? "", s.Share ?? 0, s.Role ?? "")).ToList())
            : null;
        return new RegisterDesign.Command(userId, metadata.Title, metadata.Description, metadata.Category, metadata.Tags, images, royalty,
            metadata.Parents?.Select(p => new Domain.Designs.DerivativeParent(p.DesignId ?? "", p.LicenseId ?? "")).ToList());
    }

    /// <summary>The <c>metadata</c> part as clients send it.</summary>
    private sealed record DesignMetadata(string? Title, string? Description, string? Category, List<string>? Tags, RoyaltyMetadata? Royalty, List<ParentMetadata>? Parents);

    /// <summary><c>parents: [{designId, licenseId}]</c>: what a derivative is made from, and under which licence.</summary>
    private sealed record ParentMetadata(string? DesignId, string? LicenseId);

    /// <summary><c>royalty: {bps, splits: [{to, share, role}]}</c>: basis points of a sale, shared in percent.</summary>
    private sealed record RoyaltyMetadata(int? Bps, List<SplitMetadata>? Splits);

    private sealed record SplitMetadata(string? To, decimal? Share, string? Role);
}
