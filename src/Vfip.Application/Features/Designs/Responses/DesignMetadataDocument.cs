using System.Text.Json;
using System.Text.Json.Serialization;
using Vfip.Application.Common.Abstractions;
using Vfip.Domain.Designs;

namespace Vfip.Application.Features.Designs.Responses;

/// <summary>
/// The ERC-721 metadata document that tokenURI points at. Its exact bytes are written once, at
/// registration, into the content-addressed blob store, and the chain records their SHA-256: so the
/// document served later is provably the one that was anchored, whatever changes in the service.
/// </summary>
internal static class DesignMetadataDocument
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static byte[] Render(Design design, IPublicLinks links) =>
        JsonSerializer.SerializeToUtf8Bytes(
            new Document(
                design.Title,
                design.Description,
                links.DesignImage(design.Id, 0),
                new Properties(
                    design.Id,
                    design.ContentHash,
                    design.Category,
                    design.Tags,
                    design.Images.Select(i => new Image("0x" + i.Sha256, i.Pdq, i.Width, i.Height, i.MediaType)).ToList(),
                    design.Royalty)),
            Json);

    private sealed record Document(string Name, string? Description, string Image, Properties Properties);

    private sealed record Properties(string DesignId, string ContentHash, DesignCategory Category, IReadOnlyList<string> Tags, IReadOnlyList<Image> Images, Royalty? Royalty);

    private sealed record Image(string Sha256, string Pdq, int Width, int Height, string MediaType);
}
