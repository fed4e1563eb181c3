using System.Security.Cryptography;
using Vfip.Domain.Common;

namespace Vfip.Domain.Designs;

/// <summary>
/// A registered virtual garment. It guards its own state changes, and they form one explicit machine:
/// <code>
///   custodial owner:  Register ───────────────────────────────► pending ─┬─ MarkAnchored ─► anchored
///   wallet owner:     Register ─► awaiting_signature ─ AcceptOwnerSignature ─┘                └─ Reject ─► rejected
///   derivative needing approval:
///                     Register ─► awaiting_approval ─ DecideApproval (all approved) ─► pending (or awaiting_signature)
///                                                   └ DecideApproval (one refused) ─► rejected
/// </code>
/// Only the owner's signature moves a wallet-owned design to pending, only the parents' owners move a held
/// derivative on, and only the chain's answer moves a pending design on.
/// </summary>
public sealed class Design : AggregateRoot
{
    public const int MaxTitleLength = 200;
    public const int MaxDescriptionLength = 4000;
    public const int MaxTags = 20;
    public const int MaxTagLength = 40;

    private readonly List<DesignImage> _images = [];
    private readonly List<DerivativeApproval> _approvals = [];

    // Null for an original (stored as a null ParentsJson); a derivative always has at least one parent.
    private IReadOnlyList<DerivativeParent>? _parents;

    // For EF Core.
    private Design()
    {
    }

    public string Id { get; private set; } = null!;

    public string OwnerUserId { get; private set; } = null!;

    /// <summary>EIP-55 address that owns (or will own) the token.</summary>
    public string OwnerAddress { get; private set; } = null!;

    public string Title { get; private set; } = null!;

    public string? Description { get; private set; }

    public DesignCategory Category { get; private set; }

    public List<string> Tags { get; private set; } = [];

    public DesignStatus Status { get; private set; }

    /// <summary>0x-prefixed lower-case hex of <see cref="Designs.ContentHash"/>.</summary>
    public string ContentHash { get; private set; } = null!;

    /// <summary>0x-prefixed SHA-256 of the metadata document served at tokenURI.</summary>
    public string MetadataHash { get; private set; } = null!;

    public IReadOnlyList<DesignImage> Images => _images;

    public ChainRecord? Chain { get; private set; }

    /// <summary>The royalty in basis points the registration sets on chain (EIP-2981); null for none.</summary>
    public int? RoyaltyBps { get; private set; }

    /// <summary>The royalty's splits, set with <see cref="RoyaltyBps"/> (stored whole, as JSON: they are read, never queried).</summary>
    public IReadOnlyList<RoyaltySplit>? RoyaltySplits { get; private set; }

    /// <summary>
    /// The designs this one derives from, under which licences (stored whole, as JSON); empty for an original. A
    /// derivative has at least one.
    /// </summary>
    public IReadOnlyList<DerivativeParent> Parents => _parents ?? [];

    /// <summary>
    /// For a derivative made under licences that require approval: one entry per such parent, in the order asked.
    /// Empty otherwise.
    /// </summary>
    public IReadOnlyList<DerivativeApproval> Approvals => _approvals;

    /// <summary>When the lineage links (<c>registerDerivative</c>, one per parent) were anchored; null before (or for an original).</summary>
    public DateTime? LineageAnchoredAt { get; private set; }

    /// <summary>Why the chain refused a lineage link (the licence was revoked before it was sent, ...); null otherwise.</summary>
    public string? LineageRefusal { get; private set; }

    /// <summary>The royalty with its splits; null for none.</summary>
    public Royalty? Royalty => RoyaltyBps is { } bps ? new Royalty(bps, RoyaltySplits!) : null;

    public string? RejectionReason { get; private set; }

    public DateTime CreatedAt { get; private set; }

    /// <summary>
    /// The earlier-anchored design of another owner that this one looks like, when both got past the prior-art
    /// check at once (racing on two replicas). The chain order settles it: this, the later one, awaits review.
    /// </summary>
    public string? ReviewConflictingDesignId { get; private set; }

    /// <summary>Why the design awaits review (see <see cref="ReviewConflictingDesignId"/>).</summary>
    public string? ReviewReason { get; private set; }

    /// <summary>
    /// Position of this registration in commit order, assigned by the store when it is saved (0 before):
    /// strictly increasing, never reused, so "every design registered after N" is one indexed range read
    /// that cannot skip a registration committed late.
    /// </summary>
    public long Sequence { get; private set; }

    public DateTime? AnchoredAt { get; private set; }

    /// <summary>
    /// For a design owned by a self-custody wallet: the last moment (whole seconds, UTC) the owner's EIP-712
    /// signature may be relayed on chain. Null for custodial owners, whose designs the registrar registers.
    /// </summary>
    public DateTime? SignatureDeadline { get; private set; }

    /// <summary>The owner's EIP-712 signature over the registration (0x hex, 65 bytes); set once, then relayed.</summary>
    public string? OwnerSignature { get; private set; }

    /// <summary>While a transfer is being anchored: the address the token goes to (EIP-55).</summary>
    public string? TransferToAddress { get; private set; }

    /// <summary>While a transfer is being anchored: the VFIP user who will own the design.</summary>
    public string? TransferToUserId { get; private set; }

    /// <summary>The last ERC-721 transfer of the token (the current owner's proof), once a transfer is anchored.</summary>
    public ChainRecord? LastTransfer { get; private set; }

    /// <summary>True when the owner's own wallet signs the registration and the service only relays it.</summary>
    public bool SignedByOwner => SignatureDeadline is not null;

    /// <summary>
    /// Registers a design. <paramref name="metadataDocument"/> renders the ERC-721 metadata document of the design as
    /// built (normalised title and tags, ordered images, content hash): it is called once, its SHA-256 becomes
    /// <see cref="MetadataHash"/>, and its bytes come back with the design, for the caller to store where tokenURI points.
    /// </summary>
    public static RegisteredDesign Register(
        string id,
        string ownerUserId,
        string ownerAddress,
        string title,
        string? description,
        DesignCategory category,
        IEnumerable<string> tags,
        IReadOnlyList<DesignImage> images,
        Func<Design, byte[]> metadataDocument,
        DateTime createdAt,
        DateTime? signatureDeadline = null,
        Royalty? royalty = null,
        IReadOnlyList<DerivativeParent>? parents = null,
        IReadOnlyCollection<DerivativeParent>? approvalsRequired = null)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            throw new DomainException(ErrorCodes.Designs.InvalidTitle, "A design needs a title.");
        }

        if (images.Count == 0)
        {
            throw new DomainException(ErrorCodes.Designs.ImagesRequired, "A design needs at least one image.");
        }

        RequireDistinctImages(images);
        var design = new Design
        {
            Id = id,
            OwnerUserId = ownerUserId,
            OwnerAddress = ownerAddress,
            Title = title.Trim(),
            Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim(),
            Category = category,
            Tags = NormaliseTags(tags),
            // A self-custody owner must sign before anything can be sent; the registrar needs nobody's leave.
            Status = signatureDeadline is null ? DesignStatus.Pending : DesignStatus.AwaitingSignature,
            SignatureDeadline = signatureDeadline is { } deadline ? WholeSeconds(deadline) : null,
            ContentHash = "0x" + Convert.ToHexStringLower(
                Designs.ContentHash.Compute(images.Select(i => Convert.FromHexString(i.Sha256)))),
            CreatedAt = createdAt,
        };
        if (parents is { Count: > 0 })
        {
            design._parents = parents.ToArray();
        }

        if (approvalsRequired is { Count: > 0 })
        {
            if (parents is null || approvalsRequired.Any(a => !parents.Contains(a)))
            {
                throw new DomainException(ErrorCodes.Derivatives.InvalidParents, "An approval can only be asked of one of the design's parents.");
            }

            // Held before anything else: a wallet owner signs only once the parents' owners have agreed.
            design.Status = DesignStatus.AwaitingApproval;
            design._approvals.AddRange(approvalsRequired.Select(a => new DerivativeApproval(a.DesignId, a.LicenseId)));
        }

        if (royalty?.Checked() is { } checkedRoyalty)
        {
            design.RoyaltyBps = checkedRoyalty.Bps;
            design.RoyaltySplits = checkedRoyalty.Splits;
        }

        design._images.AddRange(images.OrderBy(i => i.Index));
        // The document describes the design as built, so it is rendered last; the chain anchors its hash, and the
        // bytes served later must be these very ones.
        var metadata = metadataDocument(design);
        design.MetadataHash = "0x" + Convert.ToHexStringLower(SHA256.HashData(metadata));
        design.RaiseWhenReadyToAnchor();
        return new RegisteredDesign(design, metadata);
    }

    /// <summary>Refuses the same image twice in one design (the content hash would count it once).</summary>
    public static void RequireDistinctImages(IReadOnlyCollection<DesignImage> images)
    {
        if (images.Select(i => i.Sha256).Distinct(StringComparer.Ordinal).Count() != images.Count)
        {
            throw new DomainException(ErrorCodes.Designs.DuplicateImage, "The same image was sent more than once in one design.");
        }
    }

    /// <summary>
    /// Refuses a signature of the registration now, before anyone checks it: the design must await one, and its
    /// deadline must not have passed. A late signature is refused as late whether or not it is the owner's.
    /// </summary>
    public void RequireSignable(DateTime now)
    {
        if (Status != DesignStatus.AwaitingSignature)
        {
            throw new DomainException(ErrorCodes.Designs.NotAwaitingSignature, $"Design {Id} is {Status}, not awaiting a signature.");
        }

        if (now > SignatureDeadline)
        {
            throw new DomainException(
                ErrorCodes.Wallets.SignatureExpired, $"The deadline to sign the registration of design {Id} has passed; register the design again.");
        }
    }

    /// <summary>
    /// The owner signed the registration: it may now be relayed. The signature itself is checked against the
    /// owner's address by the caller (it needs the chain's EIP-712 domain), after <see cref="RequireSignable"/>, and,
    /// finally, by the contract.
    /// </summary>
    public void AcceptOwnerSignature(string signature, DateTime now)
    {
        RequireSignable(now);
        OwnerSignature = signature;
        Status = DesignStatus.Pending;
        RaiseWhenReadyToAnchor();
    }

    /// <summary>
    /// The current owner of parent <paramref name="parentDesignId"/> approves or refuses this derivative. The last
    /// approval releases it: to pending (or, for a wallet owner, to awaiting_signature with a signature deadline that
    /// starts now, since the one given at registration may have passed while it was held). A refusal rejects it.
    /// Who may decide, and whether the licence still allows it, is the caller's to check (it needs other designs).
    /// </summary>
    /// <returns>The approval as decided.</returns>
    public DerivativeApproval DecideApproval(
        string parentDesignId, bool approve, string? reason, string decidedByUserId, DateTime now, TimeSpan signatureWindow)
    {
        var approval = ApprovalBy(parentDesignId);
        if (approval.Status != DerivativeApprovalStatus.Pending || Status != DesignStatus.AwaitingApproval)
        {
            throw new DomainException(ErrorCodes.Derivatives.ApprovalAlreadyDecided, $"The approval of design {Id} by design {parentDesignId}'s owner is already decided ({Status}).");
        }

        if (!approve && string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException(ErrorCodes.Derivatives.ReasonRequired, "A refusal needs a reason.");
        }

        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (reason?.Length > DerivativeApproval.MaxReasonLength)
        {
            throw new DomainException(ErrorCodes.Derivatives.ReasonTooLong, $"A reason is at most {DerivativeApproval.MaxReasonLength} characters.");
        }

        approval.Decide(approve, reason, decidedByUserId, now);
        if (!approve)
        {
            RejectionReason = $"The owner of parent design {parentDesignId} refused the derivative: {reason}";
            Status = DesignStatus.Rejected;
        }
        else if (_approvals.All(a => a.Status == DerivativeApprovalStatus.Approved))
        {
            if (SignedByOwner)
            {
                SignatureDeadline = WholeSeconds(now + signatureWindow);
                Status = DesignStatus.AwaitingSignature;
            }
            else
            {
                Status = DesignStatus.Pending;
                RaiseWhenReadyToAnchor();
            }
        }

        return approval;
    }

    /// <summary>The approval this derivative asks of parent <paramref name="parentDesignId"/>'s owner.</summary>
    public DerivativeApproval ApprovalBy(string parentDesignId) =>
        _approvals.FirstOrDefault(a => a.ParentDesignId == parentDesignId)
            ?? throw new DomainException(ErrorCodes.Derivatives.ApprovalNotFound, $"Design {Id} asks no approval of design {parentDesignId}.");

    public void MarkAnchored(ChainRecord record, DateTime anchoredAt)
    {
        if (Status != DesignStatus.Pending)
        {
            throw new DomainException(ErrorCodes.Designs.NotPending, $"Design {Id} is {Status}, not pending.");
        }

        Chain = record;
        AnchoredAt = anchoredAt;
        Status = DesignStatus.Anchored;
        if (Parents.Count > 0)
        {
            // The lineage links name the child's token, which exists only now.
            Raise(new LineageReadyToAnchor(Id));
        }
    }

    /// <summary>
    /// Flags an anchored design for review because another owner's look-alike was anchored before it. Only the
    /// first conflict is kept: one is enough to send a person to look.
    /// </summary>
    public void FlagForReview(string conflictingDesignId, string reason)
    {
        if (Status != DesignStatus.Anchored)
        {
            throw new DomainException(ErrorCodes.Designs.NotAnchored, $"Design {Id} is {Status}; only an anchored design is flagged for review.");
        }

        ReviewConflictingDesignId ??= conflictingDesignId;
        ReviewReason ??= reason;
    }

    /// <summary>
    /// The owner asks to transfer the design. Only an anchored design has a token to move, and one transfer runs at a
    /// time. Ownership changes only when the chain says so (<see cref="CompleteTransfer"/>).
    /// </summary>
    public void RequestTransfer(string toUserId, string toAddress)
    {
        if (Status != DesignStatus.Anchored)
        {
            throw new DomainException(ErrorCodes.Designs.NotAnchored, $"Design {Id} is {Status}; only an anchored design can be transferred.");
        }

        if (TransferToAddress is not null)
        {
            throw new DomainException(ErrorCodes.Designs.TransferPending, $"A transfer of design {Id} is already being anchored.");
        }

        if (string.Equals(toAddress, OwnerAddress, StringComparison.OrdinalIgnoreCase))
        {
            throw new DomainException(ErrorCodes.Designs.TransferToSelf, "The design already belongs to that address.");
        }

        TransferToUserId = toUserId;
        TransferToAddress = toAddress;
        Raise(new DesignTransferRequested(Id));
    }

    /// <summary>The chain moved the token: the recipient owns the design from now on. Licences stay (they bind the token).</summary>
    public void CompleteTransfer(ChainRecord transfer)
    {
        if (TransferToAddress is null || TransferToUserId is null)
        {
            throw new DomainException(ErrorCodes.Designs.NoTransferPending, $"Design {Id} has no transfer pending.");
        }

        OwnerUserId = TransferToUserId;
        OwnerAddress = TransferToAddress;
        LastTransfer = transfer;
        TransferToUserId = null;
        TransferToAddress = null;
    }

    /// <summary>
    /// The chain shows the token moved to <paramref name="address"/> (a transfer made through VFIP, or directly from a
    /// wallet): the chain is the source of truth, so the design follows it. <paramref name="userId"/> is the VFIP user
    /// holding that address, or null when none does (then the design has no owning user: nobody here may change it).
    /// </summary>
    public void ObserveTransfer(string? userId, string address, ChainRecord transfer)
    {
        if (string.Equals(OwnerAddress, address, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        if (TransferToAddress is not null && string.Equals(TransferToAddress, address, StringComparison.OrdinalIgnoreCase))
        {
            CompleteTransfer(transfer);
            return;
        }

        OwnerUserId = userId ?? string.Empty;
        OwnerAddress = address;
        LastTransfer = transfer;
        TransferToUserId = null;
        TransferToAddress = null;
    }

    /// <summary>The chain recorded every parent link of this derivative (or refused one, for good).</summary>
    public void MarkLineageAnchored(DateTime at, string? refusal = null)
    {
        if (_parents is null)
        {
            throw new DomainException(ErrorCodes.Derivatives.NotADerivative, $"Design {Id} has no parents.");
        }

        LineageAnchoredAt = refusal is null ? at : null;
        LineageRefusal = refusal;
    }

    /// <summary>
    /// The chain shows a lineage link of this design to <paramref name="parent"/> (<c>DerivativeRegistered</c>), made by
    /// VFIP's outbox or directly by the design's owner. A link already listed changes nothing; a new one is added, and
    /// for a design that had no parents the lineage counts as anchored at the link's block time. Safe to repeat.
    /// </summary>
    /// <returns>True when the link was new.</returns>
    public bool ObserveDerivativeLink(DerivativeParent parent, DateTime linkedAt)
    {
        var parents = Parents;
        if (parents.Contains(parent))
        {
            return false;
        }

        if (_parents is null)
        {
            LineageAnchoredAt = linkedAt;
        }

        _parents = parents.Append(parent).ToArray();
        return true;
    }

    public void Reject(string reason)
    {
        if (Status != DesignStatus.Pending)
        {
            throw new DomainException(ErrorCodes.Designs.NotPending, $"Design {Id} is {Status}, not pending.");
        }

        RejectionReason = reason;
        Status = DesignStatus.Rejected;
    }

    // Only the chain's answer moves a pending design on, so becoming pending is what queues the registration.
    private void RaiseWhenReadyToAnchor()
    {
        if (Status == DesignStatus.Pending)
        {
            Raise(new DesignReadyToAnchor(Id));
        }
    }

    // The contract compares the deadline with block.timestamp, in whole seconds.
    private static DateTime WholeSeconds(DateTime time) =>
        new(time.Ticks - (time.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);

    // Tags are matched case-insensitively by people, so store them folded, trimmed and once each.
    private static List<string> NormaliseTags(IEnumerable<string> tags) =>
        tags.Select(t => t.Trim().ToLowerInvariant())
            .Where(t => t.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();
}
