namespace Vfip.Domain.Designs;

/// <summary>Where a design is in its life. Serialised as snake_case.</summary>
public enum DesignStatus
{
    /// <summary>Accepted and stored; waiting for the outbox sender to anchor it on chain.</summary>
    Pending = 0,

    /// <summary>Its token exists on chain and the chain record is known.</summary>
    Anchored,

    /// <summary>The chain refused it (for example the content was registered there by someone else).</summary>
    Rejected,

    /// <summary>
    /// Owned by a self-custody wallet: stored, but not sent until the owner signs the EIP-712 registration.
    /// Visible to its owner only.
    /// </summary>
    AwaitingSignature,

    /// <summary>
    /// A derivative made under a licence that requires the parent owner's approval: stored (it occupies its content
    /// and is prior art), but not sent until every such parent's owner approves; a refusal rejects it.
    /// </summary>
    AwaitingApproval,
}
