using Vfip.Domain.Common;
using Vfip.Domain.Designs;

namespace Vfip.Domain.Licensing;

/// <summary>Where a licence is in its life. Serialised as snake_case. Expiry is not a state: it is the end date passing.</summary>
public enum LicenseStatus
{
    /// <summary>Accepted; waiting for the outbox sender to anchor the grant.</summary>
    Pending = 0,

    /// <summary>The grant is on chain.</summary>
    Active,

    /// <summary>Revoked by the licensor; the revocation is being anchored.</summary>
    Revoking,

    /// <summary>The revocation is on chain.</summary>
    Revoked,

    /// <summary>The chain refused the grant (for example the design changed hands before it was sent).</summary>
    Rejected,
}

/// <summary>
/// A licence on a design: granted by the design's owner (or, for a sublicence, by the parent's licensee) to one
/// licensee address, under terms whose hash is anchored with the grant. It binds the design, not the owner who
/// granted it, so it survives a transfer. Its id is the contract's <c>licenseIdOf</c> the grant fields (a decimal
/// uint256), known before the grant is sent, so a retried send finds the grant instead of making another.
/// <code>
///   Accept ─► pending ─ MarkGranted ─► active ─ Revoke ─► revoking ─ MarkRevoked ─► revoked
///                └─ Reject ─► rejected          └──────── ObserveRevocation ────────┘
///   ObserveGrant (made directly on chain) ─► active
/// </code>
/// When the licensor is a self-custody wallet, <c>pending</c> (or <c>revoking</c>) first waits for the wallet's EIP-712
/// signature (<see cref="AwaitGrantSignature"/>, <see cref="Revoke"/> with a signer, then <see cref="Sign"/>); only a
/// signed grant or revocation is relayed.
/// </summary>
public sealed class License : AggregateRoot
{
    public const int MaxReasonLength = 1000;

    // For EF Core.
    private License()
    {
    }

    /// <summary>The on-chain licence id, uint256 as a decimal string.</summary>
    public string Id { get; private set; } = null!;

    public string DesignId { get; private set; } = null!;

    public string? OfferId { get; private set; }

    /// <summary>The parent licence for a sublicence; null for a licence granted by the design's owner.</summary>
    public string? ParentLicenseId { get; private set; }

    /// <summary>Who granted it: the design's owner, or the parent's licensee. Their key signs the grant.</summary>
    /// <remarks>Empty when no VFIP user held the licensor's address (a grant observed on chain).</remarks>
    public string LicensorUserId { get; private set; } = null!;

    /// <remarks>Empty when no VFIP user holds <see cref="LicenseeAddress"/> (a grant observed on chain), as for designs.</remarks>
    public string LicenseeUserId { get; private set; } = null!;

    /// <summary>EIP-55 address the grant names.</summary>
    public string LicenseeAddress { get; private set; } = null!;

    /// <summary>
    /// The terms, normalised (stored as their canonical JSON, whose hash is <see cref="TermsHash"/>); null while they are
    /// unknown: a grant made directly on chain anchors only their hash, and until someone publishes the document
    /// (<see cref="PublishTerms"/>) nobody can tell what the licence permits.
    /// </summary>
    public LicenseTerms? Terms { get; private set; }

    /// <summary>0x-prefixed SHA-256 of the canonical terms, as anchored in the grant.</summary>
    public string TermsHash { get; private set; } = null!;

    /// <summary>
    /// The grant's salt (0x hex, 32 bytes): makes the id unique when the same terms are granted twice. Null for a grant
    /// observed on chain: the event does not carry it, and such a licence is never sent again.
    /// </summary>
    public string? Salt { get; private set; }

    /// <summary>Mirrors the terms (whole seconds, UTC); the chain keeps the same window.</summary>
    public DateTime? StartsAt { get; private set; }

    public DateTime? EndsAt { get; private set; }

    public bool Sublicensable { get; private set; }

    public bool DerivativesAllowed { get; private set; }

    public LicenseExclusivity Exclusivity { get; private set; }

    public LicenseStatus Status { get; private set; }

    /// <summary>The grant's place on chain (LicenseGranted event), once anchored.</summary>
    public ChainRecord? Grant { get; private set; }

    public string? RevocationReason { get; private set; }

    /// <summary>Who revoked it (the design's owner, or the parent's licensee): their key signs the revocation.</summary>
    public string? RevokedByUserId { get; private set; }

    public DateTime? RevokedAt { get; private set; }

    /// <summary>The revocation's place on chain (LicenseRevoked event), once anchored.</summary>
    public ChainRecord? Revocation { get; private set; }

    /// <summary>The revocation's transaction, once anchored.</summary>
    public string? RevocationTxHash => Revocation?.TxHash;

    public string? RejectionReason { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime? GrantedAt { get; private set; }

    /// <summary>
    /// Optimistic concurrency token, raised by the persistence layer on every save that changes the licence: the outbox
    /// sender, the chain indexer and requests each change a licence from what they read, and a write based on a stale
    /// read (say the sender marking a grant active after the indexer did and the licensor then revoked it) must fail and
    /// be retried from fresh state rather than undo the other change.
    /// </summary>
    public int Revision { get; private set; }

    /// <summary>The self-custody wallet that must sign the grant (EIP-712 <c>LicenseGrant</c>); null when the service signs with the licensor's custodial key.</summary>
    public string? GrantSigner { get; private set; }

    /// <summary>The deadline inside the grant the wallet signs (whole seconds, UTC); the relay must happen before it.</summary>
    public DateTime? GrantSignatureDeadline { get; private set; }

    /// <summary>The wallet's signature of the grant (0x hex, 65 bytes), once given: evidence, and what the outbox relays.</summary>
    public string? GrantSignature { get; private set; }

    /// <summary>The self-custody wallet that must sign the revocation (EIP-712 <c>LicenseRevocation</c>); null when the service signs.</summary>
    public string? RevocationSigner { get; private set; }

    public DateTime? RevocationSignatureDeadline { get; private set; }

    public string? RevocationSignature { get; private set; }

    /// <summary>The licensee's EIP-712 <c>LicenseAcceptance</c> signature from a linked wallet (the address is <see cref="LicenseeAddress"/>); null for an account action.</summary>
    public string? AcceptanceSignature { get; private set; }

    /// <summary>The deadline inside the signed acceptance.</summary>
    public DateTime? AcceptanceDeadline { get; private set; }

    /// <summary>True while a self-custody licensor's signature of the grant is missing: nothing is sent until it comes.</summary>
    public bool AwaitsGrantSignature => Status == LicenseStatus.Pending && GrantSigner is not null && GrantSignature is null;

    /// <summary>True while a self-custody licensor's signature of the revocation is missing (the licence already counts as revoked off chain).</summary>
    public bool AwaitsRevocationSignature => Status == LicenseStatus.Revoking && RevocationSigner is not null && RevocationSignature is null;

    public static License Accept(
        string id,
        string designId,
        string? offerId,
        string? parentLicenseId,
        string licensorUserId,
        string licenseeUserId,
        string licenseeAddress,
        LicenseTerms terms,
        string salt,
        DateTime createdAt)
    {
        var canonical = terms.Normalise();
        return new License
        {
            Id = id,
            DesignId = designId,
            OfferId = offerId,
            ParentLicenseId = parentLicenseId,
            LicensorUserId = licensorUserId,
            LicenseeUserId = licenseeUserId,
            LicenseeAddress = licenseeAddress,
            Terms = canonical,
            TermsHash = canonical.Hash(),
            Salt = salt,
            StartsAt = canonical.StartsAt,
            EndsAt = canonical.EndsAt,
            Sublicensable = canonical.Sublicensable,
            DerivativesAllowed = canonical.Derivatives.Allowed,
            Exclusivity = canonical.Exclusivity,
            Status = LicenseStatus.Pending,
            CreatedAt = createdAt,
        };
    }

    /// <summary>
    /// A grant seen on chain that VFIP did not make (the owner's own wallet called <c>grant</c>, or someone relayed a
    /// <c>grantWithSig</c>): active from its block, with the fields the event carries. <paramref name="terms"/> is the
    /// document whose hash the grant anchors when VFIP knows one (an offer's, another licence's), otherwise null.
    /// </summary>
    public static License ObserveGrant(
        string id,
        string designId,
        string? parentLicenseId,
        string licensorUserId,
        string licenseeUserId,
        string licenseeAddress,
        string termsHash,
        LicenseTerms? terms,
        DateTime? startsAt,
        DateTime? endsAt,
        bool sublicensable,
        bool derivativesAllowed,
        ChainRecord grant,
        DateTime grantedAt)
    {
        var license = new License
        {
            Id = id,
            DesignId = designId,
            ParentLicenseId = parentLicenseId,
            LicensorUserId = licensorUserId,
            LicenseeUserId = licenseeUserId,
            LicenseeAddress = licenseeAddress,
            TermsHash = termsHash,
            // The window and the two rights are the chain's, whatever the terms document says.
            StartsAt = startsAt,
            EndsAt = endsAt,
            Sublicensable = sublicensable,
            DerivativesAllowed = derivativesAllowed,
            Status = LicenseStatus.Active,
            Grant = grant,
            CreatedAt = grantedAt,
            GrantedAt = grantedAt,
        };
        if (terms is not null)
        {
            license.PublishTerms(terms);
        }

        return license;
    }

    /// <summary>
    /// The chain shows this licence's grant. A pending licence is now active (the outbox's own record may come later, or
    /// never if it crashed after sending); an anchored one keeps its record. Safe to repeat.
    /// </summary>
    public void ObserveGranted(ChainRecord grant, DateTime grantedAt)
    {
        if (Status == LicenseStatus.Pending)
        {
            MarkGranted(grant, grantedAt);
        }
        else if (Grant is null && Status != LicenseStatus.Rejected)
        {
            Grant = grant;
            GrantedAt ??= grantedAt;
        }
    }

    /// <summary>Keeps the licensee's signed acceptance as evidence (checked against <see cref="LicenseeAddress"/> by the caller).</summary>
    public void RecordAcceptance(string signature, DateTime deadline)
    {
        AcceptanceSignature = signature;
        AcceptanceDeadline = WholeSeconds(deadline);
    }

    /// <summary>
    /// Sends the accepted grant on its way: with no <paramref name="walletSigner"/> the service signs it with the licensor's
    /// custodial key and it is queued for the chain at once; otherwise it awaits that wallet's signature until
    /// <paramref name="signatureDeadline"/> (<see cref="AwaitGrantSignature"/>) and is queued when signed (<see cref="Sign"/>).
    /// </summary>
    public void RequestGrant(string? walletSigner, DateTime signatureDeadline)
    {
        if (walletSigner is not null)
        {
            AwaitGrantSignature(walletSigner, signatureDeadline);
            return;
        }

        if (Status != LicenseStatus.Pending || GrantSigner is not null)
        {
            throw new DomainException(ErrorCodes.Licensing.NotPending, $"Licence {Id} is {Status}, not pending.");
        }

        Raise(new LicenseGrantQueued(Id));
    }

    /// <summary>The grant must be signed by <paramref name="signer"/>'s wallet before <paramref name="deadline"/>; until then nothing is relayed.</summary>
    public void AwaitGrantSignature(string signer, DateTime deadline)
    {
        if (Status != LicenseStatus.Pending || GrantSignature is not null)
        {
            throw new DomainException(ErrorCodes.Licensing.NotPending, $"Licence {Id} is {Status}, not pending a signature.");
        }

        GrantSigner = signer;
        GrantSignatureDeadline = WholeSeconds(deadline);
    }

    /// <summary>
    /// Refuses a wallet signature now, before anyone checks it: the licence must await one (of the grant while pending,
    /// of the revocation while revoking), and the request's deadline must not have passed. A late signature is refused
    /// as late whether or not it is the signer's.
    /// </summary>
    public void RequireSignable(DateTime now)
    {
        var deadline = AwaitsGrantSignature ? GrantSignatureDeadline
            : AwaitsRevocationSignature ? RevocationSignatureDeadline
            : throw new DomainException(ErrorCodes.Licensing.NotAwaitingSignature, $"Licence {Id} is not awaiting a wallet signature.");
        if (now > deadline)
        {
            throw new DomainException(
                ErrorCodes.Wallets.SignatureExpired, "The deadline of this signature request has passed; ask for a fresh one and sign that.");
        }
    }

    /// <summary>The awaited wallet signed (the grant while pending, the revocation while revoking); checked against the signer by the caller, after <see cref="RequireSignable"/>.</summary>
    public void Sign(string signature, DateTime now)
    {
        RequireSignable(now);
        if (AwaitsGrantSignature)
        {
            GrantSignature = signature;
            Raise(new LicenseGrantQueued(Id));
        }
        else
        {
            RevocationSignature = signature;
            Raise(new LicenseRevocationQueued(Id));
        }
    }

    /// <summary>A fresh deadline for the awaited signature (the old one passed, or the signature lapsed before it could be relayed).</summary>
    public void RenewSignatureRequest(DateTime deadline)
    {
        if (AwaitsGrantSignature)
        {
            GrantSignatureDeadline = WholeSeconds(deadline);
        }
        else if (AwaitsRevocationSignature)
        {
            RevocationSignatureDeadline = WholeSeconds(deadline);
        }
        else
        {
            throw new DomainException(ErrorCodes.Licensing.NotAwaitingSignature, $"Licence {Id} is not awaiting a wallet signature.");
        }
    }

    /// <summary>
    /// Records the terms document of a licence whose terms were unknown. Only the document whose canonical hash is the
    /// anchored <see cref="TermsHash"/> is accepted, so whoever sends it cannot change what the licence permits.
    /// </summary>
    public void PublishTerms(LicenseTerms terms)
    {
        RequireAnchoredTerms(terms);
        var canonical = terms.Normalise();
        Terms = canonical;
        Exclusivity = canonical.Exclusivity;
    }

    /// <summary>Refuses <paramref name="terms"/> unless their canonical hash is the anchored <see cref="TermsHash"/> (the <c>termsHash</c> extension names it).</summary>
    public void RequireAnchoredTerms(LicenseTerms terms)
    {
        var hash = terms.Hash();
        if (!string.Equals(hash, TermsHash, StringComparison.OrdinalIgnoreCase))
        {
            throw new DomainException(
                    ErrorCodes.Licensing.TermsHashMismatch, $"These terms hash to {hash} (canonical JSON, SHA-256); licence {Id}'s grant anchors {TermsHash}.")
                .With("termsHash", TermsHash);
        }
    }

    /// <summary>
    /// The wallet's signature reached its deadline before it was relayed (the contract would refuse it): drop it, so
    /// the licence awaits a signature again and the licensor can renew the request.
    /// </summary>
    public void LapseSignature()
    {
        if (Status == LicenseStatus.Pending && GrantSignature is not null)
        {
            GrantSignature = null;
        }
        else if (Status == LicenseStatus.Revoking && RevocationSignature is not null)
        {
            RevocationSignature = null;
        }
    }

    /// <summary>True while it still counts against exclusivity and may be used: not refused, not revoked, not past its end.</summary>
    public bool IsInForce(DateTime now) =>
        Status is LicenseStatus.Pending or LicenseStatus.Active && (EndsAt is null || now < EndsAt);

    public void MarkGranted(ChainRecord grant, DateTime grantedAt)
    {
        if (Status != LicenseStatus.Pending)
        {
            throw new DomainException(ErrorCodes.Licensing.NotPending, $"Licence {Id} is {Status}, not pending.");
        }

        Grant = grant;
        GrantedAt = grantedAt;
        Status = LicenseStatus.Active;
    }

    public void Reject(string reason)
    {
        if (Status != LicenseStatus.Pending)
        {
            throw new DomainException(ErrorCodes.Licensing.NotPending, $"Licence {Id} is {Status}, not pending.");
        }

        RejectionReason = reason.Length > MaxReasonLength ? reason[..MaxReasonLength] : reason;
        Status = LicenseStatus.Rejected;
    }

    /// <summary>
    /// The self-custody licensor declines to sign a grant still awaiting their signature: nothing is on chain, so the
    /// licence ends as <c>rejected</c> and stops counting against exclusivity.
    /// </summary>
    public void Withdraw(string? reason)
    {
        if (!AwaitsGrantSignature)
        {
            throw new DomainException(ErrorCodes.Licensing.NotAwaitingSignature, $"Licence {Id} is not awaiting its licensor's signature.");
        }

        if (reason is { Length: > MaxReasonLength - 40 })
        {
            throw new DomainException(ErrorCodes.Licensing.InvalidReason, $"A reason has at most {MaxReasonLength - 40} characters.");
        }

        RejectionReason = string.IsNullOrWhiteSpace(reason) ? "Withdrawn by the licensor before signing." : $"Withdrawn by the licensor: {reason.Trim()}";
        Status = LicenseStatus.Rejected;
    }

    /// <summary>
    /// The licensor takes the licence back from now on. Only an anchored grant can be revoked: a pending one has
    /// nothing on chain to revoke yet (and revoking it later would race its own grant).
    /// </summary>
    /// <param name="walletSigner">The licensor's self-custody wallet, which must sign the revocation before <paramref name="signatureDeadline"/>; null when the service signs.</param>
    public void Revoke(string? reason, string revokedByUserId, DateTime now, string? walletSigner = null, DateTime? signatureDeadline = null)
    {
        if (Status is LicenseStatus.Revoking or LicenseStatus.Revoked)
        {
            throw new DomainException(ErrorCodes.Licensing.AlreadyRevoked, $"Licence {Id} is revoked already.");
        }

        if (Status != LicenseStatus.Active)
        {
            throw new DomainException(ErrorCodes.Licensing.NotActive, $"Licence {Id} is {Status}; only an active licence can be revoked.");
        }

        if (reason is { Length: > MaxReasonLength })
        {
            throw new DomainException(ErrorCodes.Licensing.InvalidReason, $"A revocation reason has at most {MaxReasonLength} characters.");
        }

        RevocationReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        RevokedByUserId = revokedByUserId;
        RevokedAt = now;
        RevocationSigner = walletSigner;
        RevocationSignatureDeadline = walletSigner is null ? null : WholeSeconds(signatureDeadline ?? throw new ArgumentNullException(nameof(signatureDeadline)));
        Status = LicenseStatus.Revoking;
        if (walletSigner is null)
        {
            // The service signs with the revoker's custodial key; a wallet's revocation is queued once it is signed.
            Raise(new LicenseRevocationQueued(Id));
        }
    }

    public void MarkRevoked(ChainRecord revocation)
    {
        if (Status != LicenseStatus.Revoking)
        {
            throw new DomainException(ErrorCodes.Licensing.NotRevoking, $"Licence {Id} is {Status}, not being revoked.");
        }

        Revocation = revocation;
        Status = LicenseStatus.Revoked;
    }

    /// <summary>
    /// The chain shows this licence revoked at <paramref name="revokedAt"/> (its block's time), whether through VFIP
    /// (revoking → revoked) or directly from a wallet (active → revoked). The chain's time replaces the time the
    /// revocation was asked for: from then on the contract's <c>isLicenseValid</c> and verification agree. Safe to repeat.
    /// </summary>
    public void ObserveRevocation(ChainRecord revocation, DateTime revokedAt)
    {
        if (Status is LicenseStatus.Pending or LicenseStatus.Rejected)
        {
            // A grant is always observed before its revocation (same contract, log order), so this is a licence the chain
            // has but our pending row does not match: leave it to the outbox's own answer.
            return;
        }

        Revocation = revocation;
        RevokedAt = revokedAt;
        Status = LicenseStatus.Revoked;
    }

    private static DateTime WholeSeconds(DateTime time) =>
        new(time.Ticks - (time.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
}
