using System.Text.Json.Serialization;
using Vfip.Application.Features.Identification.Responses;
using Vfip.Domain.Designs;

namespace Vfip.Application.Features.Designs.Responses;

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
    /// <summary>
    /// In the answer to a registration only: the caller's own designs that look like this one (allowed,
    /// but worth knowing). Omitted elsewhere.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<IdentifyMatch>? SimilarOwnDesigns { get; init; }

    /// <summary>
    /// Only while <c>status</c> is <c>awaiting_signature</c>: what the owner's wallet must sign
    /// (<c>eth_signTypedData_v4</c>) before the registration is relayed. Omitted otherwise.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SignatureRequest? SignatureRequest { get; init; }

    /// <summary>The royalty set at registration: <c>{bps, splits: [{to, share, role}]}</c>. Omitted when there is none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Royalty? Royalty { get; init; }

    /// <summary>
    /// For a derivative: its parents and licences, and the lineage's state on chain (<c>anchoredAt</c> once every
    /// <c>registerDerivative</c> link is mined, <c>refusal</c> when the chain refused one). Omitted for an original.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public LineageResponse? Lineage { get; init; }

    /// <summary>
    /// For a derivative made under licences that require approval: each parent owner's decision
    /// (<c>{parentDesignId, licenseId, status, decidedAt, reason}</c>, <c>status</c> <c>pending</c>, <c>approved</c> or
    /// <c>refused</c>). Omitted otherwise.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ApprovalResponse>? Approvals { get; init; }

    /// <summary>
    /// In the single-design read and the registration answer: the reciprocal terms this derivative inherited, each
    /// with the inherited offer that carries them. Omitted when there are none (and in listings).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<Licensing.Responses.InheritedTermsResponse>? InheritedTerms { get; init; }

    /// <summary>While a transfer is being anchored: who the design goes to. Omitted otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DesignOwner? PendingTransfer { get; init; }

    /// <summary>
    /// When another owner's look-alike was anchored first (both passed the prior-art check at once, on two
    /// replicas): <c>{conflictingDesignId, reason}</c>. Omitted otherwise.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DesignReview? Review { get; init; }

    public static DesignResponse From(Design design) => new DesignResponse(
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
        design.AnchoredAt)
    {
        PendingTransfer = design.TransferToAddress is { } to ? new DesignOwner(design.TransferToUserId!, to) : null,
        Royalty = design.Royalty,
        Lineage = design.Parents.Count == 0 ? null : new LineageResponse(design.Parents, design.LineageAnchoredAt, design.LineageRefusal),
        Review = design.ReviewConflictingDesignId is { } conflicting ? new DesignReview(conflicting, design.ReviewReason!) : null,
        Approvals = design.Approvals.Count == 0 ? null : design.Approvals.Select(ApprovalResponse.From).ToList(),
    };
}

public sealed record DesignOwner(string UserId, string Address);

/// <summary>One parent owner's approval of a derivative (see <see cref="DerivativeApproval"/>).</summary>
public sealed record ApprovalResponse(string ParentDesignId, string LicenseId, DerivativeApprovalStatus Status, DateTime? DecidedAt, string? Reason)
{
    public static ApprovalResponse From(DerivativeApproval approval) =>
        new(approval.ParentDesignId, approval.LicenseId, approval.Status, approval.DecidedAt, approval.Reason);
}

public sealed record DesignReview(string ConflictingDesignId, string Reason);

public sealed record LineageResponse(IReadOnlyList<DerivativeParent> Parents, DateTime? AnchoredAt, string? Refusal);

/// <param name="TypedData">EIP-712 typed data: <c>{types, primaryType, domain, message}</c>, ready for <c>eth_signTypedData_v4</c>.</param>
/// <param name="Deadline">After this the chain refuses the signature (it is the message's <c>deadline</c>, in seconds).</param>
public sealed record SignatureRequest(System.Text.Json.JsonElement TypedData, DateTime Deadline)
{
    /// <summary>From the typed-data JSON a chain gateway wrote.</summary>
    public static SignatureRequest Of(string typedDataJson, DateTime deadline)
    {
        using var document = System.Text.Json.JsonDocument.Parse(typedDataJson);
        return new SignatureRequest(document.RootElement.Clone(), deadline);
    }
}

/// <param name="Sha256">0x-prefixed SHA-256 of the exact file bytes.</param>
/// <param name="Pdq">64 plain hex digits, as PDQ tools print them.</param>
public sealed record DesignImageResponse(int Index, string Sha256, string Pdq, int Quality, int Width, int Height, string MediaType);

/// <param name="TokenId">uint256 as a decimal string.</param>
public sealed record ChainResponse(long ChainId, string Contract, string TokenId, string TxHash, long BlockNumber, int LogIndex);
