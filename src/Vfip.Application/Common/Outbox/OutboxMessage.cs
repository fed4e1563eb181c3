namespace Vfip.Application.Common.Outbox;

/// <summary>
/// Work that must reach the chain, written in the same transaction as the rows it concerns. A sender
/// claims it with a lease (so several replicas never send the same message at once), runs it, and
/// deletes it; on failure it is retried with backoff. The sender changes rows with set-based updates
/// guarded by the lease, so the entity itself only needs creating.
/// </summary>
public sealed class OutboxMessage
{
    private OutboxMessage()
    {
    }

    public long Id { get; private set; }

    /// <summary>What to do, e.g. <see cref="OutboxMessageTypes.AnchorDesign"/>; <see cref="ChainWork"/> names the use case that does it.</summary>
    public string Type { get; private set; } = null!;

    /// <summary>The id of the aggregate the work is about (a design id or a licence id).</summary>
    public string Subject { get; private set; } = null!;

    public DateTime CreatedAt { get; private set; }

    public DateTime NextAttemptAt { get; private set; }

    public int Attempts { get; private set; }

    public string? LastError { get; private set; }

    public DateTime? LockedUntil { get; private set; }

    public string? LockedBy { get; private set; }

    public static OutboxMessage Create(string type, string subject, DateTime now) =>
        new() { Type = type, Subject = subject, CreatedAt = now, NextAttemptAt = now };
}

/// <summary>The stored names of outbox work (rows outlive a deploy: never rename one). <see cref="ChainWork"/> routes each.</summary>
public static class OutboxMessageTypes
{
    /// <summary>Register a pending design on chain; the subject is the design id (idempotent: the token id is the content hash).</summary>
    public const string AnchorDesign = "anchor_design";

    /// <summary>Grant a licence on chain; the subject is the licence id (idempotent: the id is a hash of the grant).</summary>
    public const string GrantLicense = "grant_license";

    /// <summary>Revoke a licence on chain; the subject is the licence id (a licence can be revoked once).</summary>
    public const string RevokeLicense = "revoke_license";

    /// <summary>Transfer a design's token to its recipient; the subject is the design id (idempotent: a moved token is found).</summary>
    public const string TransferDesign = "transfer_design";

    /// <summary>Anchor a derivative's lineage links once it is registered; the subject is the child design id.</summary>
    public const string LinkDerivative = "link_derivative";
}
