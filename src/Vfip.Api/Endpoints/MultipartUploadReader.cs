using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Vfip.Domain.Common;
using Vfip.Application.Common.Options;

namespace Vfip.Api.Endpoints;

/// <summary>
/// The one reader of multipart/form-data uploads (registration, identification, verification from an image; ADR 0021).
/// Any other media type is refused with 415 before a byte is read; the body is capped at what the endpoint may take
/// (its images at <see cref="UploadLimits.MaxImageBytes"/> each, its JSON part, and 64 KiB for part headers and small
/// fields); each image is checked to be non-empty and within the limit before it is read into memory.
/// </summary>
internal sealed class MultipartUploadReader(IOptions<UploadLimits> options)
{
    private const int FieldsAndHeadersBytes = 64 * 1024;

    private readonly UploadLimits _limits = options.Value;

    /// <summary>Reads the form of a body that may hold up to <paramref name="maxImages"/> images and, when
    /// <paramref name="withJsonPart"/>, one JSON part; <paramref name="expected"/> tells a client sending another media type
    /// what to send instead.</summary>
    public async Task<MultipartUpload> ReadAsync(
        HttpRequest request, int maxImages, bool withJsonPart, string expected, CancellationToken cancellationToken)
    {
        // HasFormContentType also admits application/x-www-form-urlencoded, which cannot carry a file.
        if (!request.HasFormContentType || request.ContentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) != true)
        {
            throw new DomainException(ErrorCodes.Requests.UnsupportedMediaType, expected);
        }

        var ceiling = (maxImages * _limits.MaxImageBytes) + (withJsonPart ? _limits.MaxMetadataBytes : 0) + FieldsAndHeadersBytes;
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = ceiling;
        }

        var form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = ceiling }, cancellationToken);
        return new MultipartUpload(form, _limits);
    }
}

/// <summary>A multipart body read within its ceiling; parts are read on demand, each under the upload limits.</summary>
internal sealed class MultipartUpload(IFormCollection form, UploadLimits limits)
{
    /// <summary>A text field, or null when it is missing or empty.</summary>
    public string? Field(string name) => form[name].ToString() is { Length: > 0 } value ? value : null;

    /// <summary>The first file of the field <paramref name="name"/>, or null when there is none.</summary>
    public async Task<UploadedFile?> ImageAsync(string name, CancellationToken cancellationToken) =>
        form.Files.GetFile(name) is { } file ? await ReadAsync(file, cancellationToken) : null;

    /// <summary>Every file of the field <paramref name="name"/>, in order; 400 <c>too_many_images</c> over <paramref name="max"/>,
    /// checked before any of them is read.</summary>
    public async Task<IReadOnlyList<UploadedFile>> ImagesAsync(string name, int max, CancellationToken cancellationToken)
    {
        var files = form.Files.GetFiles(name);
        if (files.Count > max)
        {
            throw new DomainException(ErrorCodes.Images.TooMany, $"At most {max} images; {files.Count} were sent.");
        }

        var images = new List<UploadedFile>(files.Count);
        foreach (var file in files)
        {
            images.Add(await ReadAsync(file, cancellationToken));
        }

        return images;
    }

    /// <summary>
    /// The JSON part <paramref name="name"/>, sent as a text field or as a file part; null when it is missing or blank.
    /// 400 <c>invalid_metadata</c> when it is over <see cref="UploadLimits.MaxMetadataBytes"/> or is not JSON of
    /// <typeparamref name="T"/>.
    /// </summary>
    public async Task<T?> JsonAsync<T>(string name, JsonSerializerOptions json, CancellationToken cancellationToken)
        where T : class
    {
        var text = form.TryGetValue(name, out var field) ? field.ToString() : null;
        if (text is null && form.Files.GetFile(name) is { } file)
        {
            // Checked before the part is read: its length is known from the multipart section already buffered.
            ThrowIfOverLimit(name, file.Length);
            using var reader = new StreamReader(file.OpenReadStream());
            text = await reader.ReadToEndAsync(cancellationToken);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        ThrowIfOverLimit(name, text.Length);
        try
        {
            return JsonSerializer.Deserialize<T>(text, json)
                ?? throw new DomainException(ErrorCodes.Designs.InvalidMetadata, $"The {name} part must be a JSON object.");
        }
        catch (JsonException exception)
        {
            throw new DomainException(ErrorCodes.Designs.InvalidMetadata, $"The {name} part is not valid JSON for this request: {exception.Message}");
        }
    }

    private void ThrowIfOverLimit(string name, long length)
    {
        if (length > limits.MaxMetadataBytes)
        {
            throw new DomainException(ErrorCodes.Designs.InvalidMetadata, $"The {name} part is over {limits.MaxMetadataBytes} bytes.");
        }
    }

    private async Task<UploadedFile> ReadAsync(IFormFile file, CancellationToken cancellationToken)
    {
        var what = file.FileName is { Length: > 0 } fileName ? $"'{fileName}'" : $"The '{file.Name}' file";
        if (file.Length == 0)
        {
            throw new DomainException(ErrorCodes.Images.Empty, $"{what} is empty.");
        }

        if (file.Length > limits.MaxImageBytes)
        {
            throw new DomainException(ErrorCodes.Images.TooLarge, $"{what} is {file.Length} bytes; the limit is {limits.MaxImageBytes}.");
        }

        var bytes = new byte[file.Length];
        await using var stream = file.OpenReadStream();
        await stream.ReadExactlyAsync(bytes, cancellationToken);
        return new UploadedFile(file.FileName, bytes);
    }
}

/// <summary>One file part, read whole.</summary>
internal sealed record UploadedFile(string FileName, byte[] Bytes);
