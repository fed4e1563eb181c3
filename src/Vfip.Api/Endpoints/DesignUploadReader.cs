using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Vfip.Application.Common.Options;
using Vfip.Application.Features.Designs;
using Vfip.Domain.Common;

namespace Vfip.Api.Endpoints;

/// <summary>
/// Reads a registration's multipart body (<c>images</c> files + a <c>metadata</c> JSON part) into a
/// command, enforcing the upload limits before any image byte is read into memory.
/// </summary>
internal sealed class DesignUploadReader(IOptions<UploadLimits> options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    private readonly UploadLimits _limits = options.Value;

    public async Task<RegisterDesign.Command> ReadAsync(HttpRequest request, string userId, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType || request.ContentType?.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) != true)
        {
            throw new DomainException(
                ErrorCodes.Requests.MultipartRequired, "Send multipart/form-data with 'images' files and a 'metadata' JSON part.");
        }

        // Only this endpoint takes big bodies: its ceiling is the most images at the largest size, plus metadata.
        var ceiling = (_limits.MaxImagesPerDesign * _limits.MaxImageBytes) + _limits.MaxMetadataBytes + (64 * 1024);
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = ceiling;
        }

        var form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = ceiling }, cancellationToken);
        var metadata = await ReadMetadataAsync(form, cancellationToken);

        var files = form.Files.GetFiles("images");
        if (files.Count > _limits.MaxImagesPerDesign)
        {
            throw new DomainException(ErrorCodes.Images.TooMany, $"At most {_limits.MaxImagesPerDesign} images per design; {files.Count} were sent.");
        }

        var images = new List<RegisterDesign.UploadedImage>(files.Count);
        foreach (var file in files)
        {
            if (file.Length == 0)
            {
                throw new DomainException(ErrorCodes.Images.Empty, $"'{file.FileName}' is empty.");
            }

            if (file.Length > _limits.MaxImageBytes)
            {
                throw new DomainException(
                    ErrorCodes.Images.TooLarge, $"'{file.FileName}' is {file.Length} bytes; the limit is {_limits.MaxImageBytes}.");
            }

            var bytes = new byte[file.Length];
            await using (var stream = file.OpenReadStream())
            {
                await stream.ReadExactlyAsync(bytes, cancellationToken);
            }

            images.Add(new RegisterDesign.UploadedImage(file.FileName, bytes));
        }

        var royalty = metadata.Royalty is { } r
            ? new Domain.Designs.Royalty(r.Bps ?? 0, (r.Splits ?? []).Select(s => new Domain.Designs.RoyaltySplit(s.To ?? "", s.Share ?? 0, s.Role ?? "")).ToList())
            : null;
        return new RegisterDesign.Command(userId, metadata.Title, metadata.Description, metadata.Category, metadata.Tags, images, royalty,
            metadata.Parents?.Select(p => new Domain.Designs.DerivativeParent(p.DesignId ?? "", p.LicenseId ?? "")).ToList());
    }

    private async Task<DesignMetadata> ReadMetadataAsync(IFormCollection form, CancellationToken cancellationToken)
    {
        string? text = form.TryGetValue("metadata", out var field) ? field.ToString() : null;
        if (text is null && form.Files.GetFile("metadata") is { } file)
        {
            if (file.Length > _limits.MaxMetadataBytes)
            {
                throw new DomainException(ErrorCodes.Designs.InvalidMetadata, $"The metadata part is over {_limits.MaxMetadataBytes} bytes.");
            }

            using var reader = new StreamReader(file.OpenReadStream());
            text = await reader.ReadToEndAsync(cancellationToken);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            throw new DomainException(
                ErrorCodes.Designs.MetadataRequired, "Send a 'metadata' part with JSON: {\"title\": ..., \"category\": ..., \"tags\": [...]}.");
        }

        if (text.Length > _limits.MaxMetadataBytes)
        {
            throw new DomainException(ErrorCodes.Designs.InvalidMetadata, $"The metadata part is over {_limits.MaxMetadataBytes} bytes.");
        }

        try
        {
            return JsonSerializer.Deserialize<DesignMetadata>(text, Json)
                ?? throw new DomainException(ErrorCodes.Designs.InvalidMetadata, "The metadata part must be a JSON object.");
        }
        catch (JsonException exception)
        {
            throw new DomainException(ErrorCodes.Designs.InvalidMetadata, $"The metadata part is not valid JSON for a design: {exception.Message}");
        }
    }

    /// <summary>The <c>metadata</c> part as clients send it.</summary>
    private sealed record DesignMetadata(string? Title, string? Description, string? Category, List<string>? Tags, RoyaltyMetadata? Royalty, List<ParentMetadata>? Parents);

    /// <summary><c>parents: [{designId, licenseId}]</c>: what a derivative is made from, and under which licence.</summary>
    private sealed record ParentMetadata(string? DesignId, string? LicenseId);

    /// <summary><c>royalty: {bps, splits: [{to, share, role}]}</c>: basis points of a sale, shared in percent.</summary>
    private sealed record RoyaltyMetadata(int? Bps, List<SplitMetadata>? Splits);

    private sealed record SplitMetadata(string? To, decimal? Share, string? Role);
}
