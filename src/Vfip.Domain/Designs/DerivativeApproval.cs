namespace Vfip.Domain.Designs;

/// <summary>Where a parent owner's approval of a derivative stands. Serialised as snake_case.</summary>
public enum DerivativeApprovalStatus
{
    /// <summary>Asked for; the parent's owner has not decided yet.</summary>
    Pending = 0,

    Approved,

    Refused,
}

/// <summary>
/// One parent's owner's approval of a derivative, asked for because the licence the derivative is made under
/// requires it (<c>derivatives.approvalRequired</c>). Part of the derivative: only <see cref="Design"/> changes it.
/// </summary>
public sealed class DerivativeApproval
{
    public const int MaxReasonLength = 1000;

    // For EF Core.
    private DerivativeApproval()
    {
    }

    internal DerivativeApproval(string parentDesignId, string licenseId)
    {
        ParentDesignId = parentDesignId;
        LicenseId = licenseId;
        Status = DerivativeApprovalStatus.Pending;
    }

    public string ParentDesignId { get; private set; } = null!;

    /// <summary>The parent licence the derivative is made under (the one whose terms ask for approval).</summary>
    public string LicenseId { get; private set; } = null!;

    public DerivativeApprovalStatus Status { get; private set; }

    /// <summary>The parent's owner at the time who decided; null while pending.</summary>
    public string? DecidedByUserId { get; private set; }

    public DateTime? DecidedAt { get; private set; }

    /// <summary>What the parent's owner said (required for a refusal).</summary>
    public string? Reason { get; private set; }

    internal void Decide(bool approve, string? reason, string decidedByUserId, DateTime at)
    {
        Status = approve ? DerivativeApprovalStatus.Approved : DerivativeApprovalStatus.Refused;
        Reason = reason;
        DecidedByUserId = decidedByUserId;
        DecidedAt = at;
    }
}
