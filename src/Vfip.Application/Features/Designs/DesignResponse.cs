using Vfip.Domain.Designs;

namespace Vfip.Application.Features.Designs;

/// <summary>The design resource of the public contract (see docs/api.md).</summary>
public sealed record DesignResponse(
    string Id,
    string Title,
    string? Description,
    DesignCategory Category,
    IReadOnlyList<string> Tags,
    DesignOwner Owner,
    DesignStatus Status,
    string ContentHash,
    string MetadataHash,
    IReadOnlyList<DesignImageResponse> Images,
    ChainResponse? Chain,
    string? RejectionReason,
    DateTime CreatedAt,
    DateTime? AnchoredAt)
{
    public static DesignResponse From(Design design) => new(
        design.Id,
        design.Title,
        design.Description,
        design.Category,
        design.Tags,
        new DesignOwner(design.OwnerUserId, design.OwnerAddress),
        design.Status,
        design.ContentHash,
        design.MetadataHash,
        design.Images.Select(i => new DesignImageResponse(i.Index, "0x" + i.Sha256, i.Pdq, i.Quality, i.Width, i.Height, i.MediaType)).ToList(),
        design.Chain is { } c ? new ChainResponse(c.ChainId, c.Contract, c.TokenId, c.TxHash, c.BlockNumber, c.LogIndex) : null,
        design.RejectionReason,
        design.CreatedAt,
        design.AnchoredAt);
}

public sealed record DesignOwner(string UserId, string Address);

/// <param name="Sha256">0x-prefixed SHA-256 of the exact file bytes.</param>
/// <param name="Pdq">64 plain hex digits, as PDQ tools print them.</param>
public sealed record DesignImageResponse(int Index, string Sha256, string Pdq, int Quality, int Width, int Height, string MediaType);

/// <param name="TokenId">uint256 as a decimal string.</param>
public sealed record ChainResponse(long ChainId, string Contract, string TokenId, string TxHash, long BlockNumber, int LogIndex);
